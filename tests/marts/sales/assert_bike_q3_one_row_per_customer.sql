{#- Question 3: one row per named customer, and the order counts add up to the
    orders of named customers (grouping by name would merge customers who share
    a name and lose rows). -#}
with report as (
    select
        count(*) as row_count,
        sum(order_count) as order_count
    from {{ ref('rpt_customer_order_counts') }}
),

named_customers as (
    select count(*) as row_count
    from {{ ref('dim_customers') }}
    where has_person
),

orders_of_named_customers as (
    select count(*) as order_count
    from {{ ref('fct_sales_orders') }} as orders
    inner join {{ ref('dim_customers') }} as customers
        on orders.customer_id = customers.customer_id
    where customers.has_person
)

select
    report.row_count,
    named_customers.row_count as expected_row_count,
    report.order_count,
    orders_of_named_customers.order_count as expected_order_count
from report
cross join named_customers
cross join orders_of_named_customers
where
    report.row_count <> named_customers.row_count
    or coalesce(report.order_count, 0) <> orders_of_named_customers.order_count
