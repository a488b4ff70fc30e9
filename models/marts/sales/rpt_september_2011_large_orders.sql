{#- Question 5: orders placed in September 2011 with TotalDue above 1000, by
    TotalDue descending. Timestamps are compared with a half-open interval, so
    every moment of September 30 counts and nothing of October 1 does. -#}
with orders as (
    select * from {{ ref('fct_sales_orders') }}
),

filtered as (
    select
        sales_order_id,
        ordered_at,
        total_due
    from orders
    where
        ordered_at >= timestamp '2011-09-01 00:00:00'
        and ordered_at < timestamp '2011-10-01 00:00:00'
        and total_due > 1000
),

final as (
    select
        sales_order_id,
        ordered_at,
        total_due,
        row_number() over (
            order by total_due desc, sales_order_id asc
        ) as total_due_rank
    from filtered
)

select * from final
order by total_due_rank
