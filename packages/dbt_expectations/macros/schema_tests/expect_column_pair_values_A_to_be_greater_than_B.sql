{% test expect_column_pair_values_A_to_be_greater_than_B(
    model, column_A, column_B, or_equal=false, row_condition=none
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_pair_values_A_to_be_greater_than_B', 'dbt_expectations'
    )(model, column_A, column_B, or_equal, row_condition)) }}
{% endtest %}

{% macro default__test_expect_column_pair_values_A_to_be_greater_than_B(
    model, column_A, column_B, or_equal, row_condition
) %}
{%- set operator = '>=' if or_equal else '>' -%}
{#- A null on either side is not checked, as upstream. -#}
{{ dbt_expectations._failing_expression(
    model, column_A ~ ' ' ~ operator ~ ' ' ~ column_B, row_condition=row_condition
) }}
{% endmacro %}
