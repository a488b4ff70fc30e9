{% test equal_rowcount(model, compare_model, group_by_columns=[]) %}
    {{ config(fail_calc='sum(coalesce(row_count_difference, 0))') }}
    {{ return(adapter.dispatch('test_equal_rowcount', 'dbt_utils')(
        model, compare_model, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_equal_rowcount(model, compare_model, group_by_columns) %}
{{ dbt_utils._compared_row_counts(model, compare_model, group_by_columns) }}

{#- Every group is returned (as upstream); fail_calc sums the differences. -#}
select
    *,
    abs(model_row_count - compare_model_row_count) as row_count_difference
from compared_counts
{% endmacro %}

{#-
    Shared by equal_rowcount and fewer_rows_than: the opening CTEs of a query that
    ends in `compared_counts` (group columns, model_row_count,
    compare_model_row_count; a group missing on one side counts 0 there).
-#}
{% macro _compared_row_counts(model, compare_model, group_by_columns) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
with model_counts as (
    select
        {{ groups.select }}count(*) as row_count
    from {{ model }}
    {{ groups.group_by }}
),

compare_model_counts as (
    select
        {{ groups.select }}count(*) as row_count
    from {{ compare_model }}
    {{ groups.group_by }}
),

compared_counts as (
    select
        {%- for column in groups.columns %}
        coalesce(model_side.{{ column }}, compare_side.{{ column }}) as {{ column }},
        {%- endfor %}
        coalesce(model_side.row_count, 0) as model_row_count,
        coalesce(compare_side.row_count, 0) as compare_model_row_count
    from model_counts as model_side
    full outer join compare_model_counts as compare_side
        on {{ dbt_utils._null_safe_join_condition(
            groups.columns, 'model_side', 'compare_side'
        ) }}
)
{% endmacro %}
