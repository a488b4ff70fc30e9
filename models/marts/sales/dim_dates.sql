{#- The spine covers every day from the first to the last order, due or ship date. Its bounds
    are read before the spine is written and passed to date_spine as date literals, because
    upstream dbt_utils.date_spine runs a query on its bounds at compile time (to count the
    days), outside this model, where a CTE of the model does not exist. -#}
{%- set bounds_query -%}
    select
        least(
            min(cast(ordered_at as date)),
            min(cast(due_at as date)),
            min(cast(shipped_at as date))
        ) as first_date,
        greatest(
            max(cast(ordered_at as date)),
            max(cast(due_at as date)),
            max(cast(shipped_at as date))
        ) as last_date
    from {{ ref('stg_bike__sales_order_headers') }}
{%- endset -%}
{%- set first_date, last_date = none, none -%}
{#- Read when the model runs; at parse time, and where the orders are not built (a linter
    compiling against an empty database), there are no bounds. -#}
{%- if execute and load_relation(ref('stg_bike__sales_order_headers')) is not none -%}
    {%- set first_date, last_date = run_query(bounds_query).rows[0] -%}
{%- endif -%}
{#- Without orders the spine is one day, the first of 2000. -#}
{%- set first_date = first_date or modules.datetime.date(2000, 1, 1) -%}
{%- set last_date = last_date or first_date -%}
{%- set day_after_last = last_date + modules.datetime.timedelta(days=1) -%}

with spine as (
    {{ dbt_utils.date_spine(
        datepart='day',
        start_date="cast('" ~ first_date.strftime('%Y-%m-%d') ~ "' as date)",
        end_date="cast('" ~ day_after_last.strftime('%Y-%m-%d') ~ "' as date)",
    ) }}
),

calendar as (
    select
        cast(
            year(date_day) * 10000 + month(date_day) * 100 + day(date_day) as integer
        ) as date_key,
        cast(date_day as date) as date_day,
        year(date_day) as calendar_year,
        quarter(date_day) as calendar_quarter,
        month(date_day) as calendar_month,
        {{ month_name('date_day') }} as month_name,
        concat(
            cast(year(date_day) as {{ dbt.type_string() }}),
            '-',
            lpad(cast(month(date_day) as {{ dbt.type_string() }}), 2, '0')
        ) as calendar_year_month,
        day(date_day) as day_of_month,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ day_name('date_day') }} as day_name,
        {{ iso_day_of_week('date_day') }} in (6, 7) as is_weekend
    from spine
),

unknown_member as (
    select
        -1 as date_key,
        cast(null as date) as date_day,
        cast(null as bigint) as calendar_year,
        cast(null as bigint) as calendar_quarter,
        cast(null as bigint) as calendar_month,
        'unknown' as month_name,
        'unknown' as calendar_year_month,
        cast(null as bigint) as day_of_month,
        cast(null as bigint) as iso_day_of_week,
        'unknown' as day_name,
        cast(null as boolean) as is_weekend
),

final as (
    select * from calendar
    union all
    select * from unknown_member
)

select * from final
