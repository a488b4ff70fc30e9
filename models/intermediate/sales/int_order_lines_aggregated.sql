with order_lines as (
    select * from {{ ref('stg_bike__sales_order_details') }}
),

aggregated as (
    select
        sales_order_id,
        cast(count(*) as integer) as line_count,
        cast(sum(order_quantity) as bigint) as total_quantity,
        sum(line_total) as lines_total
    from order_lines
    group by sales_order_id
)

select * from aggregated
