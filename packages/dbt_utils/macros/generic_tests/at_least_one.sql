{% test at_least_one(model, column_name, group_by_columns=[]) %}
    {{ return(adapter.dispatch('test_at_least_one', 'dbt_utils')(
        model, column_name, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_at_least_one(model, column_name, group_by_columns) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
{#- Without groups an empty table fails (count is 0); with groups, each group present
    must hold at least one non-null value. -#}
with value_counts as (
    select
        {{ groups.select }}
        count({{ column_name }}) as non_null_values
    from {{ model }}
    {{ groups.group_by }}
)

select * from value_counts
where non_null_values = 0
{% endmacro %}
