{% test not_null_proportion(model, column_name, at_least, at_most=1.0, group_by_columns=[]) %}
    {{ return(adapter.dispatch('test_not_null_proportion', 'dbt_utils')(
        model, column_name, at_least, at_most, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_not_null_proportion(
    model, column_name, at_least, at_most, group_by_columns
) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
with proportions as (
    select
        {{ groups.select }}
        cast(count({{ column_name }}) as {{ dbt.type_numeric() }})
            / nullif(count(*), 0) as not_null_proportion
    from {{ model }}
    {{ groups.group_by }}
),

outside_bounds as (
    select *
    from proportions
    where
        not_null_proportion < {{ at_least }}
        or not_null_proportion > {{ at_most }}
)

select * from outside_bounds
{% endmacro %}
