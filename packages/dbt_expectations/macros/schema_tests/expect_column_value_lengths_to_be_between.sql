{% test expect_column_value_lengths_to_be_between(
    model, column_name, min_value=none, max_value=none, row_condition=none, strictly=false
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_value_lengths_to_be_between', 'dbt_expectations'
    )(model, column_name, min_value, max_value, row_condition, strictly)) }}
{% endtest %}

{% macro default__test_expect_column_value_lengths_to_be_between(
    model, column_name, min_value, max_value, row_condition, strictly
) %}
{{ dbt_expectations._expression_between(
    model,
    dbt.length(column_name),
    min_value=min_value,
    max_value=max_value,
    row_condition=row_condition,
    strictly=strictly,
    test_name='expect_column_value_lengths_to_be_between'
) }}
{% endmacro %}
