{#- Cast that yields NULL instead of failing when the value does not fit the
    type. dbt.safe_cast renders a plain cast on DuckDB, so the project has its own. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'warehouse')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
