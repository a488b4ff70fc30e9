-- Order lines: each order's lines take consecutive (special offer, product) pairs from a
-- pseudo-random start; store orders buy more and pay 60 % of the list price. Then the
-- order totals: sub total, 8 % tax and 2.5 % freight.
create or replace table details as
with order_lines as (
    select
        k,
        is_online,
        is_forced,
        order_date,
        sales_order_id,
        unnest(range(n_lines)) as line_no
    from orders
),

numbered as (
    select
        *,
        row_number() over (order by k, line_no) as detail_id
    from order_lines
),

priced as (
    select
        n.*,
        p.product_id,
        p.special_offer_id,
        p.discount,
        case when n.is_online then 1 else 1 + hk3(n.k, n.line_no, 'qty', 8) end as qty,
        case
            when n.is_online then p.list_price
            else round(p.list_price * 0.6, 4)
        end::decimal(19, 4) as unit_price
    from numbered as n
    inner join pairs as p on p.pair_no = case
        when n.is_forced and n.line_no = 0 then 0
        else (hk(n.k, 'pair', {{ pair_count }}) + n.line_no) % {{ pair_count }}
    end
)

select
    *,
    (unit_price * (1 - discount) * qty)::decimal(38, 6) as line_total
from priced;

create or replace table order_totals as
with sub_totals as (
    select
        details.k,
        round(sum(details.line_total), 4)::decimal(19, 4) as sub_total
    from details
    group by details.k
)

select
    orders.k,
    orders.is_online,
    orders.order_date,
    orders.sales_order_id,
    orders.customer_id,
    orders.territory_id,
    orders.sales_person_id,
    sub_totals.sub_total,
    round(sub_totals.sub_total * 0.08, 4)::decimal(19, 4) as tax_amt,
    round(sub_totals.sub_total * 0.025, 4)::decimal(19, 4) as freight
from orders
inner join sub_totals on orders.k = sub_totals.k
