with orders as (
    select * from {{ ref('stg_bike__sales_order_headers') }}
),

bounds as (
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
    from orders
),

spine as (
    {{ dbt_utils.date_spine(
        datepart='day',
        start_date='(select first_date from bounds)',
        end_date='(select last_date from bounds) + 1',
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
