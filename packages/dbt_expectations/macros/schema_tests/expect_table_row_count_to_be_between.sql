{% test expect_table_row_count_to_be_between(
    model,
    min_value=none,
    max_value=none,
    group_by=none,
    row_condition=none,
    strictly=false
) %}
    {{ return(adapter.dispatch(
        'test_expect_table_row_count_to_be_between', 'dbt_expectations'
    )(model, min_value, max_value, group_by, row_condition, strictly)) }}
{% endtest %}

{% macro default__test_expect_table_row_count_to_be_between(
    model, min_value, max_value, group_by, row_condition, strictly
) %}
{{ dbt_expectations._expression_between(
    model,
    'count(*)',
    min_value=min_value,
    max_value=max_value,
    group_by=group_by,
    row_condition=row_condition,
    strictly=strictly,
    test_name='expect_table_row_count_to_be_between'
) }}
{% endmacro %}
