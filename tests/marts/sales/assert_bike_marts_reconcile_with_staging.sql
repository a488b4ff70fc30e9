{#- Orders, lines, units and line totals are the same in staging and in the
    facts: no order or line is dropped or duplicated by the joins of the star schema.
    Online orders are counted separately so that dropping them fails too. -#}
with staged_orders as (
    select
        count(*) as order_count,
        count(*) filter (where is_online_order) as online_order_count
    from {{ ref('stg_bike__sales_order_headers') }}
),

staged_lines as (
    select
        count(*) as line_count,
        coalesce(sum(order_quantity), 0) as total_quantity,
        coalesce(sum(line_total), 0) as line_total
    from {{ ref('stg_bike__sales_order_details') }}
),

mart_orders as (
    select
        count(*) as order_count,
        count(*) filter (where is_online_order) as online_order_count,
        coalesce(sum(line_count), 0) as line_count_of_orders
    from {{ ref('fct_sales_orders') }}
),

mart_lines as (
    select
        count(*) as line_count,
        coalesce(sum(order_quantity), 0) as total_quantity,
        coalesce(sum(line_total), 0) as line_total,
        count(*) filter (where sales_order_id in (
            select sales_order_id from {{ ref('fct_sales_orders') }}
        )) as lines_with_order
    from {{ ref('fct_sales_order_lines') }}
),

checks as (
    select 'order count' as check_name,
        staged_orders.order_count as staged, mart_orders.order_count as mart
    from staged_orders cross join mart_orders
    union all
    select 'online order count',
        staged_orders.online_order_count, mart_orders.online_order_count
    from staged_orders cross join mart_orders
    union all
    select 'line count', staged_lines.line_count, mart_lines.line_count
    from staged_lines cross join mart_lines
    union all
    select 'lines counted on orders', mart_lines.lines_with_order,
        mart_orders.line_count_of_orders
    from mart_lines cross join mart_orders
    union all
    select 'total quantity', staged_lines.total_quantity, mart_lines.total_quantity
    from staged_lines cross join mart_lines
    union all
    select 'line total', staged_lines.line_total, mart_lines.line_total
    from staged_lines cross join mart_lines
)

select * from checks
where staged is distinct from mart
