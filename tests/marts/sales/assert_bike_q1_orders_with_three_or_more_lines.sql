{#- Question 1: the report holds exactly the orders with three or more lines
    (three included) with the right count, compared with the line counts that
    fct_sales_orders gets through int_order_lines_aggregated. -#}
with expected as (
    select
        sales_order_id,
        line_count
    from {{ ref('fct_sales_orders') }}
    where line_count >= 3
),

actual as (
    select * from {{ ref('rpt_orders_with_three_or_more_lines') }}
    where sales_order_id in (select sales_order_id from {{ ref('fct_sales_orders') }})
)

select
    coalesce(expected.sales_order_id, actual.sales_order_id) as sales_order_id,
    expected.line_count as expected_line_count,
    actual.line_count as actual_line_count
from expected
full outer join actual
    on expected.sales_order_id = actual.sales_order_id
where expected.line_count is distinct from actual.line_count
