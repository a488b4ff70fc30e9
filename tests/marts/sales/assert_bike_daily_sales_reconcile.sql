{#- rpt_daily_sales: one row per calendar day from the first to the last
    calendar date, and its orders, units and revenue add up to the orders
    fact. -#}
with report as (
    select
        count(*) as day_count,
        {{ dbt.datediff('min(date_day)', 'max(date_day)', 'day') }} + 1 as span_days,
        sum(order_count) as order_count,
        sum(units_sold) as units_sold,
        sum(revenue) as revenue
    from {{ ref('rpt_daily_sales') }}
),

calendar as (
    select {{ dbt.datediff('min(date_day)', 'max(date_day)', 'day') }} + 1 as span_days
    from {{ ref('dim_dates') }}
),

orders as (
    select
        count(*) as order_count,
        coalesce(sum(total_quantity), 0) as units_sold,
        coalesce(sum(subtotal), 0) as revenue
    from {{ ref('fct_sales_orders') }}
    where order_date is not null
)

select *
from report
cross join calendar
cross join orders
where
    report.day_count is distinct from report.span_days
    or report.span_days is distinct from calendar.span_days
    or coalesce(report.order_count, 0) <> orders.order_count
    or coalesce(report.units_sold, 0) <> orders.units_sold
    or coalesce(report.revenue, 0) <> orders.revenue
