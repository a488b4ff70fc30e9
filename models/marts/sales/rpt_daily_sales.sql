{#- Revenue, orders and units per calendar day, days without sales included
    with zeros: the series for the sales dashboard. -#}
with dates as (
    select * from {{ ref('dim_dates') }}
),

orders as (
    select * from {{ ref('fct_sales_orders') }}
),

daily_orders as (
    select
        order_date,
        cast(count(*) as integer) as order_count,
        cast(count(*) filter (where is_online_order) as integer) as online_order_count,
        cast(sum(total_quantity) as bigint) as units_sold,
        sum(subtotal) as revenue,
        sum(total_due) as total_due
    from orders
    group by order_date
),

calendar_days as (
    select
        date_key,
        date_day
    from dates
    where date_key <> -1
),

final as (
    select
        calendar_days.date_key,
        calendar_days.date_day,
        coalesce(daily_orders.order_count, 0) as order_count,
        coalesce(daily_orders.online_order_count, 0) as online_order_count,
        coalesce(daily_orders.units_sold, 0) as units_sold,
        coalesce(daily_orders.revenue, 0) as revenue,
        coalesce(daily_orders.total_due, 0) as total_due
    from calendar_days
    left join daily_orders
        on calendar_days.date_day = daily_orders.order_date
)

select * from final
