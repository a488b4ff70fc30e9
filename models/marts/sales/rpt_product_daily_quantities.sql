{#- Question 4: total OrderQty by ProductID and OrderDate, online and
    sales-person orders alike. Lines whose order header is missing have no
    order date and are left out. -#}
with order_lines as (
    select * from {{ ref('fct_sales_order_lines') }}
),

final as (
    select
        product_id,
        order_date,
        cast(sum(order_quantity) as bigint) as total_quantity
    from order_lines
    where order_date is not null and order_quantity is not null
    group by product_id, order_date
)

select * from final
