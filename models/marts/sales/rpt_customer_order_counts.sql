{#- Question 3: customer names with their number of orders, one row per
    customer (two customers may share a name), customers without orders
    included with 0. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
),

orders as (
    select * from {{ ref('fct_sales_orders') }}
),

order_counts as (
    select
        customer_id,
        cast(count(*) as integer) as order_count
    from orders
    group by customer_id
),

final as (
    select
        customers.customer_id,
        customers.full_name,
        coalesce(order_counts.order_count, 0) as order_count
    from customers
    left join order_counts
        on customers.customer_id = order_counts.customer_id
    where customers.has_person
)

select * from final
