{#- Question 1: detail-line count per SalesOrderID, for orders with at least
    three lines (three included). -#}
with order_lines as (
    select * from {{ ref('fct_sales_order_lines') }}
),

line_counts as (
    select
        sales_order_id,
        cast(count(*) as integer) as line_count
    from order_lines
    group by sales_order_id
),

final as (
    select
        sales_order_id,
        line_count
    from line_counts
    where line_count >= 3
)

select * from final
