{% test expression_is_true(model, expression, column_name=none) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'dbt_utils')(
        model, expression, column_name
    )) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) %}
{#- A row fails when the expression is false; null results are not failures. -#}
with rows_where_false as (
    select *
    from {{ model }}
    {%- if column_name is none %}
    where not ({{ expression }})
    {%- else %}
    where not ({{ column_name }} {{ expression }})
    {%- endif %}
)

select * from rows_where_false
{% endmacro %}
