{% test expect_compound_columns_to_be_unique(
    model,
    column_list,
    quote_columns=false,
    ignore_row_if='all_values_are_missing',
    row_condition=none
) %}
    {{ return(adapter.dispatch(
        'test_expect_compound_columns_to_be_unique', 'dbt_expectations'
    )(model, column_list, quote_columns, ignore_row_if, row_condition)) }}
{% endtest %}

{% macro default__test_expect_compound_columns_to_be_unique(
    model, column_list, quote_columns, ignore_row_if, row_condition
) %}
{%- if column_list is string or column_list | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "expect_compound_columns_to_be_unique: `column_list` must be a non-empty list."
    ) }}
{%- endif -%}
{%- set null_operators = {'all_values_are_missing': 'and', 'any_value_is_missing': 'or'} -%}
{%- if ignore_row_if not in null_operators -%}
    {{ exceptions.raise_compiler_error(
        "expect_compound_columns_to_be_unique: `ignore_row_if` must be "
        ~ "all_values_are_missing or any_value_is_missing; got: " ~ ignore_row_if
    ) }}
{%- endif -%}
{%- set columns = [] -%}
{%- for column in column_list -%}
    {%- do columns.append(adapter.quote(column) if quote_columns else column) -%}
{%- endfor -%}
{%- set null_checks = [] -%}
{%- for column in columns -%}
    {%- do null_checks.append(column ~ ' is null') -%}
{%- endfor -%}
with considered_rows as (
    select {{ columns | join(', ') }}
    from {{ model }}
    where
        not ({{ null_checks | join(' ' ~ null_operators[ignore_row_if] ~ ' ') }})
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}
),

validation_errors as (
    select
        {{ columns | join(', ') }},
        count(*) as n_records
    from considered_rows
    group by {{ columns | join(', ') }}
    having count(*) > 1
)

select * from validation_errors
{% endmacro %}
