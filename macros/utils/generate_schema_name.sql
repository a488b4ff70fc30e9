{#- Use a model's custom schema as is (staging, intermediate, marts, ...), not
    <target_schema>_<custom_schema>, so analysts see clean schema names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
