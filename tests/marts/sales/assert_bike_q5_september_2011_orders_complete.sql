{#- Question 5: the report holds exactly the staged orders of September 2011
    (by calendar parts of the timestamp, a formulation independent of the
    interval of the model) with total_due above 1000, and ranks them by total_due. -#}
with expected as (
    select
        sales_order_id,
        total_due
    from {{ ref('stg_bike__sales_order_headers') }}
    where
        year(ordered_at) = 2011
        and month(ordered_at) = 9
        and total_due > 1000
),

report as (
    select * from {{ ref('rpt_september_2011_large_orders') }}
),

missing_or_extra as (
    select
        coalesce(expected.sales_order_id, report.sales_order_id) as sales_order_id,
        'missing or extra order' as problem
    from expected
    full outer join report
        on expected.sales_order_id = report.sales_order_id
    where expected.sales_order_id is null or report.sales_order_id is null
),

misranked as (
    select
        later.sales_order_id,
        'ranked below a smaller total_due' as problem
    from report as later
    inner join report as earlier
        on earlier.total_due_rank < later.total_due_rank
    where earlier.total_due < later.total_due
)

select * from missing_or_extra
union all
select * from misranked
