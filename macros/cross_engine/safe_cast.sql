{#- dbt's safe_cast on Spark, for unit-test fixtures written once for both engines. dbt
    renders a fixture's text as a Spark literal with only its quotes escaped, so a
    backslash in the fixture (IMDB's `\N`) would be read as an escape: the text is quoted
    again with quoted_text, which keeps it exactly. An array is written as its DuckDB list
    text (`'[Documentary, Short]'`, `"['PersonType']"`, `'[]'`); Spark cannot cast text to
    an array, so the text is split at its commas here, each element's enclosing single
    quotes removed and the element cast to the element type. Anything else is a plain
    cast, as in dbt-spark. The project's own models use try_cast, never safe_cast. -#}
{% macro spark__safe_cast(field, type) -%}
    {%- set data_type = type | string | trim -%}
    {%- set value = field | string | trim -%}
    {%- if value.startswith("'") and value.endswith("'") and value | length >= 2 -%}
        {%- set value = quoted_text(value[1:-1] | replace("\\'", "'")) -%}
    {%- endif -%}
    {%- if data_type.lower().startswith('array<') -%}
        {%- set element_type = data_type[6:-1] -%}
        case
            when trim({{ value }}) = '[]' then cast(array() as {{ data_type }})
            else transform(
                split(
                    regexp_replace(trim({{ value }}), {{ quoted_text('^\\[|\\]$') }}, ''),
                    {{ quoted_text(',\\s*') }}
                ),
                element -> cast(
                    regexp_replace(trim(element), {{ quoted_text("^'(.*)'$") }}, '$1')
                    as {{ element_type }}
                )
            )
        end
    {%- else -%}
        cast({{ value }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
