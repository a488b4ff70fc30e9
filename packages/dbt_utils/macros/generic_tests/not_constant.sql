{% test not_constant(model, column_name, group_by_columns=[]) %}
    {{ return(adapter.dispatch('test_not_constant', 'dbt_utils')(
        model, column_name, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_not_constant(model, column_name, group_by_columns) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
{#- Fails when (per group) exactly one distinct non-null value exists. -#}
with distinct_counts as (
    select
        {{ groups.select }}
        count(distinct {{ column_name }}) as distinct_values
    from {{ model }}
    {{ groups.group_by }}
)

select * from distinct_counts
where distinct_values = 1
{% endmacro %}
