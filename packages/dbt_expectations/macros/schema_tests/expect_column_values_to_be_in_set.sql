{% test expect_column_values_to_be_in_set(
    model, column_name, value_set, quote_values=true, row_condition=none
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_values_to_be_in_set', 'dbt_expectations'
    )(model, column_name, value_set, quote_values, row_condition)) }}
{% endtest %}

{% macro default__test_expect_column_values_to_be_in_set(
    model, column_name, value_set, quote_values, row_condition
) %}
{#- As upstream, a null value is not in any set and fails. -#}
with checked_values as (
    select {{ column_name }} as value_field
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}
),

allowed_values as (
    {{ dbt_expectations._value_set_select(value_set, quote_values) }}
),

validation_errors as (
    select checked_values.value_field
    from checked_values
    left join allowed_values
        on checked_values.value_field = allowed_values.value_field
    where allowed_values.value_field is null
)

select * from validation_errors
{% endmacro %}

{#- A union all of one-column selects (value_field), one per value of `value_set`. -#}
{% macro _value_set_select(value_set, quote_values) %}
{%- if value_set is string or value_set is not iterable or value_set | length == 0 -%}
    {{ exceptions.raise_compiler_error("`value_set` must be a non-empty list.") }}
{%- endif -%}
{%- for value in value_set %}
    select
        {%- if quote_values %}
        cast({{ dbt_expectations._quoted_literal(value) }} as {{ dbt.type_string() }})
        {%- else %}
        {{ value }}
        {%- endif %} as value_field
    {{ 'union all' if not loop.last }}
{%- endfor %}
{% endmacro %}
