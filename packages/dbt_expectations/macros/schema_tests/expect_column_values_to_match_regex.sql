{% test expect_column_values_to_match_regex(
    model, column_name, regex, row_condition=none, is_raw=false, flags=''
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_values_to_match_regex', 'dbt_expectations'
    )(model, column_name, regex, row_condition, is_raw, flags)) }}
{% endtest %}

{% macro default__test_expect_column_values_to_match_regex(
    model, column_name, regex, row_condition, is_raw, flags
) %}
{%- set matches = dbt_expectations.regexp_instr(
    column_name, regex, is_raw=is_raw, flags=flags
) -%}
{#- Null values are not checked, as upstream. -#}
{{ dbt_expectations._failing_expression(
    model, matches, row_condition=row_condition
) }}
{% endmacro %}
