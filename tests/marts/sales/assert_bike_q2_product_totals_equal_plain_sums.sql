{#- Question 2: every reported product's total equals the plain sum of OrderQty
    over its order lines (lines whose offer/product pair exists in
    SpecialOfferProduct; the pair is checked with `exists`, which cannot
    multiply rows). A join on only SpecialOfferID or only ProductID multiplies
    quantities and fails here. -#}
with plain_sums as (
    select
        order_lines.product_id,
        sum(order_lines.order_quantity) as total_quantity
    from {{ ref('fct_sales_order_lines') }} as order_lines
    where exists (
        select 1
        from {{ ref('bdg_special_offer_products') }} as special_offer_products
        where
            special_offer_products.special_offer_id = order_lines.special_offer_id
            and special_offer_products.product_id = order_lines.product_id
    )
    group by order_lines.product_id
),

report as (
    select * from {{ ref('rpt_top_products_by_days_to_manufacture') }}
)

select
    report.product_id,
    report.total_quantity as reported_quantity,
    plain_sums.total_quantity as plain_sum
from report
left join plain_sums
    on report.product_id = plain_sums.product_id
where report.total_quantity is distinct from plain_sums.total_quantity
