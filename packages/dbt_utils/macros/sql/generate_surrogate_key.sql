{#-
    md5 of the fields cast to text and joined with '-', nulls replaced by
    '_dbt_utils_surrogate_key_null_' (or '' when the project sets the var
    `surrogate_key_treat_nulls_as_empty_strings: true`, as upstream).
-#}
{% macro generate_surrogate_key(field_list) %}
    {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{% endmacro %}

{% macro default__generate_surrogate_key(field_list) %}
{{ dbt_utils._require_list(field_list, 'field_list', 'generate_surrogate_key') }}
{%- if var('surrogate_key_treat_nulls_as_empty_strings', false) -%}
    {%- set null_placeholder = '' -%}
{%- else -%}
    {%- set null_placeholder = '_dbt_utils_surrogate_key_null_' -%}
{%- endif -%}
{%- set parts = [] -%}
{%- for field in field_list -%}
    {%- do parts.append(
        "coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '"
        ~ null_placeholder ~ "')"
    ) -%}
    {%- if not loop.last -%}
        {%- do parts.append("'-'") -%}
    {%- endif -%}
{%- endfor -%}
{{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
