{% test not_empty_string(model, column_name, trim_whitespace=true) %}
    {{ return(adapter.dispatch('test_not_empty_string', 'dbt_utils')(
        model, column_name, trim_whitespace
    )) }}
{% endtest %}

{% macro default__test_not_empty_string(model, column_name, trim_whitespace) %}
{%- set checked = 'trim(' ~ column_name ~ ')' if trim_whitespace else column_name -%}
with empty_strings as (
    select {{ column_name }}
    from {{ model }}
    where {{ checked }} = ''
)

select * from empty_strings
{% endmacro %}
