{% test sequential_values(
    model, column_name, interval=1, datepart=none, group_by_columns=[]
) %}
    {{ return(adapter.dispatch('test_sequential_values', 'dbt_utils')(
        model, column_name, interval, datepart, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_sequential_values(
    model, column_name, interval, datepart, group_by_columns
) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
with with_previous as (
    select
        {{ groups.select }}
        {{ column_name }} as current_value,
        lag({{ column_name }}) over (
            {{ groups.partition_by }}
            order by {{ column_name }}
        ) as previous_value
    from {{ model }}
),

breaks as (
    select *
    from with_previous
    {%- if datepart %}
    where not (
        cast(current_value as {{ dbt.type_timestamp() }})
        = cast({{ dbt.dateadd(datepart, interval, 'previous_value') }}
            as {{ dbt.type_timestamp() }})
    )
    {%- else %}
    where not (current_value = previous_value + {{ interval }})
    {%- endif %}
)

select * from breaks
{% endmacro %}
