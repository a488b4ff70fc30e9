{% test expect_column_distinct_values_to_equal_set(
    model, column_name, value_set, quote_values=true, row_condition=none
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_distinct_values_to_equal_set', 'dbt_expectations'
    )(model, column_name, value_set, quote_values, row_condition)) }}
{% endtest %}

{% macro default__test_expect_column_distinct_values_to_equal_set(
    model, column_name, value_set, quote_values, row_condition
) %}
{#- Fails for every value found but not expected and every value expected but not
    found (a null in the column counts as an unexpected value, as upstream). -#}
with distinct_values as (
    select distinct {{ column_name }} as column_value
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}
),

expected_values as (
    select distinct value_field
    from (
        {{ dbt_expectations._value_set_select(value_set, quote_values) }}
    ) as value_set
),

validation_errors as (
    select
        distinct_values.column_value,
        expected_values.value_field
    from distinct_values
    full outer join expected_values
        on distinct_values.column_value = expected_values.value_field
    where
        distinct_values.column_value is null
        or expected_values.value_field is null
)

select * from validation_errors
{% endmacro %}
