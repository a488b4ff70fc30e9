{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
    {{ return(adapter.dispatch('test_unique_combination_of_columns', 'dbt_utils')(
        model, combination_of_columns, quote_columns
    )) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(
    model, combination_of_columns, quote_columns
) %}
{%- set column_csv = dbt_utils._unique_combination_column_csv(
    combination_of_columns, quote_columns
) -%}

with duplicated_combinations as (
    select
        {{ column_csv }},
        count(*) as n_records
    from {{ model }}
    group by {{ column_csv }}
    having count(*) > 1
)

select * from duplicated_combinations
{% endmacro %}


{% macro _unique_combination_column_csv(combination_of_columns, quote_columns) %}
{{ dbt_utils._require_list(
    combination_of_columns, 'combination_of_columns', 'unique_combination_of_columns'
) }}
{%- if quote_columns is not boolean -%}
    {{ exceptions.raise_compiler_error(
        "unique_combination_of_columns: `quote_columns` must be true or false, got: "
        ~ quote_columns | string
    ) }}
{%- endif -%}
{%- set columns = [] -%}
{%- for column in combination_of_columns -%}
    {%- do columns.append(adapter.quote(column) if quote_columns else column) -%}
{%- endfor -%}
{{- return(columns | join(', ')) -}}
{% endmacro %}
