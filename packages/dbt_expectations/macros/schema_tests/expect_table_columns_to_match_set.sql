{% test expect_table_columns_to_match_set(model, column_list, transform='upper') %}
    {{ return(adapter.dispatch(
        'test_expect_table_columns_to_match_set', 'dbt_expectations'
    )(model, column_list, transform)) }}
{% endtest %}

{% macro default__test_expect_table_columns_to_match_set(model, column_list, transform) %}
{%- if column_list is string or column_list | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "expect_table_columns_to_match_set: `column_list` must be a non-empty list."
    ) }}
{%- endif -%}
{%- set expected_columns = column_list | map(transform) | list -%}
{%- set actual_columns = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- do actual_columns.append([column.name] | map(transform) | first) -%}
    {%- endfor -%}
{%- endif -%}
{#- Fails for each table column not listed and each listed column not in the table. -#}
with relation_columns as (
    select cast(null as {{ dbt.type_string() }}) as relation_column
    {%- for name in actual_columns %}
    union all
    select cast({{ dbt_expectations._quoted_literal(name) }} as {{ dbt.type_string() }})
    {%- endfor %}
),

input_columns as (
    select cast(null as {{ dbt.type_string() }}) as input_column
    {%- for name in expected_columns %}
    union all
    select cast({{ dbt_expectations._quoted_literal(name) }} as {{ dbt.type_string() }})
    {%- endfor %}
),

validation_errors as (
    select
        relation_columns.relation_column,
        input_columns.input_column
    from (select * from relation_columns where relation_column is not null)
        as relation_columns
    full outer join (select * from input_columns where input_column is not null)
        as input_columns
        on relation_columns.relation_column = input_columns.input_column
    where
        relation_columns.relation_column is null
        or input_columns.input_column is null
)

select * from validation_errors
{% endmacro %}
