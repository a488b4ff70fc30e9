-- Production.Product: the generated products; on day 2 some list prices rise by 8 %.
with priced as (
    select
        *,
        {{ day_two }} and list_price > 0
        and (product_id = 680 or rnd(product_id, 'd2price') < 0.05) as changed
    from products
)

select
    concat_ws(
        ';',
        product_id,
        name,
        product_number,
        make_flag,
        finished,
        nv(color),
        safety_stock,
        reorder_point,
        money(standard_cost),
        money(case when changed then round(list_price * 1.08, 2) else list_price end),
        nv(size),
        quoted_code(size_unit),
        quoted_code(weight_unit),
        nv(weight),
        days_to_manufacture,
        quoted_code(product_line),
        quoted_code(class),
        quoted_code(style),
        nv(subcategory_id),
        nv(model_id),
        sell_start,
        nv(sell_end),
        'NULL',
        guid('product', product_id),
        case when changed then '2014-07-01 09:12:45.120' else '2014-02-08 10:01:36.827' end
    ) as csv_line
from priced
order by product_id
