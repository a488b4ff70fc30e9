-- Sales.SalesOrderDetail: one line per order line; store lines carry a carrier tracking
-- number, line 5 has a quantity in words and line 10 is written twice.
with copies as (
    select
        *,
        unnest(range(case when detail_id = 10 then 2 else 1 end)) as copy_no
    from details
)

select
    concat_ws(
        ';',
        sales_order_id,
        detail_id,
        case
            when is_online then 'NULL'
            else printf(
                '%04X-%03X%s-%02X',
                hk(k, 'ct1', 65536),
                hk(k, 'ct2', 4096),
                chr(65 + hk(k, 'ct3', 26)::integer),
                hk(k, 'ct4', 256)
            )
        end,
        case when detail_id = 5 then 'one' else qty::varchar end,
        product_id,
        special_offer_id,
        money(unit_price),
        money(discount),
        line_total::varchar,
        guid('sod', detail_id),
        ts(order_date)
    ) as csv_line
from copies
order by detail_id, copy_no
