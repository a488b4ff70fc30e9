with orders as (
    select * from {{ ref('stg_bike__sales_order_headers') }}
),

order_lines as (
    select * from {{ ref('int_order_lines_aggregated') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

dates as (
    select * from {{ ref('dim_dates') }}
),

final as (
    select
        orders.sales_order_id,
        coalesce(customers.customer_id, -1) as customer_id,
        coalesce(order_dates.date_key, -1) as order_date_key,
        coalesce(due_dates.date_key, -1) as due_date_key,
        coalesce(ship_dates.date_key, -1) as ship_date_key,
        orders.sales_order_number,
        orders.order_status,
        orders.subtotal,
        orders.tax_amount,
        orders.freight,
        orders.total_due,
        coalesce(order_lines.line_count, 0) as line_count,
        coalesce(order_lines.total_quantity, 0) as total_quantity,
        coalesce(order_lines.lines_total, 0) as lines_total,
        orders.is_online_order,
        abs(orders.subtotal - coalesce(order_lines.lines_total, 0)) > 0.01
            as has_subtotal_mismatch,
        cast(orders.ordered_at as date) as order_date,
        orders.ordered_at,
        orders.due_at,
        orders.shipped_at
    from orders
    left join order_lines
        on orders.sales_order_id = order_lines.sales_order_id
    left join customers
        on orders.customer_id = customers.customer_id
    left join dates as order_dates
        on cast(orders.ordered_at as date) = order_dates.date_day
    left join dates as due_dates
        on cast(orders.due_at as date) = due_dates.date_day
    left join dates as ship_dates
        on cast(orders.shipped_at as date) = ship_dates.date_day
)

select * from final
