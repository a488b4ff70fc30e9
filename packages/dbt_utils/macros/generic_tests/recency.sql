{% test recency(
    model, field, datepart, interval, ignore_time_component=false, group_by_columns=[]
) %}
    {{ return(adapter.dispatch('test_recency', 'dbt_utils')(
        model, field, datepart, interval, ignore_time_component, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_recency(
    model, field, datepart, interval, ignore_time_component, group_by_columns
) %}
{%- set groups = dbt_utils._group_by_fragments(group_by_columns) -%}
{%- set compared_type = 'date' if ignore_time_component else dbt.type_timestamp() -%}
{%- set threshold -%}
    cast({{ dbt.dateadd(datepart, interval * -1, dbt.current_timestamp()) }}
        as {{ compared_type }})
{%- endset -%}
{#- As upstream 1.4+: no data at all is stale too, except in `dbt ... --empty` runs. -#}
{%- set is_empty_run = flags.EMPTY | default(false) -%}

with latest as (
    select
        {{ groups.select }}
        cast(max({{ field }}) as {{ compared_type }}) as most_recent
    from {{ model }}
    {{ groups.group_by }}
)

select
    {{ groups.select }}
    most_recent,
    {{ threshold }} as threshold
from latest
where
    most_recent < {{ threshold }}
    {%- if not is_empty_run %}
    or most_recent is null
    {%- endif %}
{% endmacro %}
