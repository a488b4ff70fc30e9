{% test expect_column_values_to_be_of_type(model, column_name, column_type) %}
    {{ return(adapter.dispatch(
        'test_expect_column_values_to_be_of_type', 'dbt_expectations'
    )(model, column_name, column_type)) }}
{% endtest %}

{% macro default__test_expect_column_values_to_be_of_type(model, column_name, column_type) %}
{#-
    Compares the column's type as the adapter reports it (upper case) with
    `column_type` (upper case), e.g. INTEGER, VARCHAR, DECIMAL(18,2), DATE.
    Unlike upstream, a column that does not exist fails instead of passing.
-#}
{%- set wanted_name = column_name | replace('"', '') | upper -%}
{%- set found = {'type': none} -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if column.name | upper == wanted_name -%}
            {%- do found.update({'type': column.dtype | upper}) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
with column_type_check as (
    select
        cast({{ dbt_expectations._quoted_literal(wanted_name) }}
            as {{ dbt.type_string() }}) as relation_column,
        cast({{ dbt_expectations._quoted_literal(found.type or '<missing column>') }}
            as {{ dbt.type_string() }}) as relation_column_type,
        cast({{ dbt_expectations._quoted_literal(column_type | upper) }}
            as {{ dbt.type_string() }}) as expected_column_type
)

select * from column_type_check
where relation_column_type != expected_column_type
{% endmacro %}
