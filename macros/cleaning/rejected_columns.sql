{#- The `rejected_columns` list of a staging model, for both domains: the raw
    names of the columns whose raw value was present but whose typed value is
    NULL, in the order given; an empty list when none.

    `columns` is a list of [raw name, raw value, typed column] triples: the name
    reported (as the source file writes it), the expression that reads the raw
    value in this select, and the typed column made from it. `missing` is the
    domain's cleaning macro that turns the source's missing-value marker into
    NULL (`imdb_null`, `bike_null`), so a value that was never there is not a
    rejection.

    The raw and typed values of a column must both be in the select that calls
    this macro; staging models carry the raw values they check from their
    `typed` CTE to their `final` one, where they are dropped. The common case
    (nothing rejected) is an empty list without building and filtering a list
    per row. -#}
{% macro rejected_columns(columns, missing) -%}
    {%- set checks = [] -%}
    {%- for raw_name, raw_value, typed_column in columns -%}
        {%- do checks.append([
            raw_name,
            missing(raw_value) ~ ' is not null and ' ~ typed_column ~ ' is null',
        ]) -%}
    {%- endfor -%}
    {%- set names = [] -%}
    {%- for raw_name, check in checks -%}
        {%- do names.append("case when " ~ check ~ " then '" ~ raw_name ~ "' end") -%}
    {%- endfor -%}
    case
        when not (
            {%- for raw_name, check in checks %}
            {{ 'or ' if not loop.first }}({{ check }})
            {%- endfor %}
        )
            then {{ array_of([], dbt.type_string()) }}
        else {{ array_compact(array_of(names, dbt.type_string())) }}
    end
{%- endmacro %}
