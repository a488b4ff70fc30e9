{% test relationships_where(
    model, column_name, to, field, from_condition='1=1', to_condition='1=1'
) %}
    {{ return(adapter.dispatch('test_relationships_where', 'dbt_utils')(
        model, column_name, to, field, from_condition, to_condition
    )) }}
{% endtest %}

{% macro default__test_relationships_where(
    model, column_name, to, field, from_condition, to_condition
) %}
with child_keys as (
    select {{ column_name }} as foreign_key
    from {{ model }}
    where
        {{ column_name }} is not null
        and ({{ from_condition }})
),

parent_keys as (
    select {{ field }} as primary_key
    from {{ to }}
    where
        {{ field }} is not null
        and ({{ to_condition }})
),

orphans as (
    select child_keys.foreign_key
    from child_keys
    left join parent_keys
        on child_keys.foreign_key = parent_keys.primary_key
    where parent_keys.primary_key is null
)

select * from orphans
{% endmacro %}
