{#- Question 4: the quantities by product and date add up to all units of the
    order lines that have an order date, online and sales-person orders alike
    (dropping online orders fails here). -#}
with report as (
    select coalesce(sum(total_quantity), 0) as total_quantity
    from {{ ref('rpt_product_daily_quantities') }}
),

order_lines as (
    select coalesce(sum(order_lines.order_quantity), 0) as total_quantity
    from {{ ref('stg_bike__sales_order_details') }} as order_lines
    inner join {{ ref('stg_bike__sales_order_headers') }} as orders
        on order_lines.sales_order_id = orders.sales_order_id
    where orders.ordered_at is not null and order_lines.order_quantity is not null
)

select
    report.total_quantity as reported_quantity,
    order_lines.total_quantity as expected_quantity
from report
cross join order_lines
where report.total_quantity <> order_lines.total_quantity
