{#- Cleaning rules for the bicycle-company CSVs (staging only). Each rule is
    written once here and used by every models/staging/bike model. -#}

{#- The literal text `NULL` (how the extract writes a missing value) to NULL. -#}
{% macro bike_null(expression) -%}
    nullif({{ expression }}, 'NULL')
{%- endmacro %}

{#- Digits only (optionally signed) to an integer type, else NULL. A plain
    cast would round `1.5` to 2; a quantity or key written with a fraction is
    a bad value, not a rounded one. -#}
{% macro bike_whole_number(expression, data_type='integer') -%}
    {{ return(adapter.dispatch('bike_whole_number', 'warehouse')(expression, data_type)) }}
{%- endmacro %}

{% macro default__bike_whole_number(expression, data_type) -%}
    case
        when {{ regexp_full_match('trim(' ~ expression ~ ')', "[+-]?[0-9]+") }}
            then {{ try_cast('trim(' ~ expression ~ ')', data_type) }}
    end
{%- endmacro %}

{#- An identifier: a positive integer, else NULL. -#}
{% macro bike_id(expression) -%}
    {%- set parsed = bike_whole_number(bike_null(expression)) -%}
    case when {{ parsed }} > 0 then {{ parsed }} end
{%- endmacro %}

{#- A whole number within [min_value, max_value] (either bound optional). -#}
{% macro bike_integer(expression, min_value=none, max_value=none, data_type='integer') -%}
    {%- set parsed = bike_whole_number(bike_null(expression), data_type) -%}
    {{ bike_in_range(parsed, min_value, max_value) }}
{%- endmacro %}

{#- A decimal written with a comma (`1059,31`) or a dot (`2024.994`) as the
    decimal separator. Thousands separators are not used by the extract, so a
    value holding both a comma and a dot (or two separators) is rejected. -#}
{% macro bike_decimal(expression, precision=19, scale=4, min_value=none, max_value=none) -%}
    {%- set parsed = try_cast(
        "replace(" ~ bike_null(expression) ~ ", ',', '.')",
        "decimal(" ~ precision ~ ", " ~ scale ~ ")"
    ) -%}
    {{ bike_in_range(parsed, min_value, max_value) }}
{%- endmacro %}

{#- `expression` when it lies within the bounds, else NULL. -#}
{% macro bike_in_range(expression, min_value=none, max_value=none) -%}
    {%- if min_value is none and max_value is none -%}
        {{ expression }}
    {%- else -%}
        case when {{ expression }}
        {%- if min_value is not none %} >= {{ min_value }}{% endif -%}
        {%- if min_value is not none and max_value is not none %} and {{ expression }}{% endif -%}
        {%- if max_value is not none %} <= {{ max_value }}{% endif %}
        then {{ expression }} end
    {%- endif -%}
{%- endmacro %}

{#- A `0`/`1` flag to BOOLEAN; anything else to NULL. -#}
{% macro bike_flag(expression) -%}
    case {{ bike_null(expression) }} when '1' then true when '0' then false end
{%- endmacro %}

{#- A datetime such as `2011-05-31 00:00:00.000` to TIMESTAMP. -#}
{% macro bike_timestamp(expression) -%}
    {{ try_cast(bike_null(expression), 'timestamp') }}
{%- endmacro %}

{#- A `rowguid` to UUID. -#}
{% macro bike_uuid(expression) -%}
    {{ return(adapter.dispatch('bike_uuid', 'warehouse')(expression)) }}
{%- endmacro %}

{% macro default__bike_uuid(expression) -%}
    {{ try_cast(bike_null(expression), 'uuid') }}
{%- endmacro %}

{#- Spark has no UUID type: the canonical text (lower case, hyphenated) of a
    value DuckDB's UUID accepts in the usual hyphenated form. -#}
{% macro spark__bike_uuid(expression) -%}
    case
        when {{ regexp_full_match(
            'lower(' ~ bike_null(expression) ~ ')',
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        ) }}
            then lower({{ expression }})
    end
{%- endmacro %}

{#- A fixed-width code (`"L "`, `"CM "`): trailing spaces trimmed, and when
    `accepted` is given, NULL unless the trimmed code is one of them. -#}
{% macro bike_code(expression, accepted=none) -%}
    {%- set trimmed = "rtrim(" ~ bike_null(expression) ~ ")" -%}
    {%- if accepted is none -%}
        nullif({{ trimmed }}, '')
    {%- else -%}
        case when {{ trimmed }} in (
            {%- for value in accepted %}'{{ value }}'{{ ", " if not loop.last }}{% endfor -%}
        ) then {{ trimmed }} end
    {%- endif -%}
{%- endmacro %}

{#- The text between <tag> and </tag> in an XML column, or NULL. -#}
{% macro bike_xml_value(expression, tag) -%}
    {{ return(adapter.dispatch('bike_xml_value', 'warehouse')(expression, tag)) }}
{%- endmacro %}

{% macro default__bike_xml_value(expression, tag) -%}
    nullif(regexp_extract({{ expression }}, '<{{ tag }}>([^<]*)</{{ tag }}>', 1), '')
{%- endmacro %}
