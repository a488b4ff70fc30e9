{#- Question 2: no product left out of the report sells more than the
    third product of its DaysToManufacture group in the report, and every group
    shows min(3, number of products sold in the group) products. -#}
with report as (
    select * from {{ ref('rpt_top_products_by_days_to_manufacture') }}
),

product_totals as (
    select
        products.days_to_manufacture,
        order_lines.product_id,
        sum(order_lines.order_quantity) as total_quantity
    from {{ ref('fct_sales_order_lines') }} as order_lines
    inner join {{ ref('dim_products') }} as products
        on order_lines.product_id = products.product_id
    where
        products.days_to_manufacture is not null
        and exists (
            select 1
            from {{ ref('bdg_special_offer_products') }} as special_offer_products
            where
                special_offer_products.special_offer_id = order_lines.special_offer_id
                and special_offer_products.product_id = order_lines.product_id
        )
    group by products.days_to_manufacture, order_lines.product_id
),

group_floor as (
    select
        days_to_manufacture,
        min(total_quantity) as lowest_reported,
        count(*) as reported_products
    from report
    group by days_to_manufacture
),

groups as (
    select
        days_to_manufacture,
        count(*) as sold_products
    from product_totals
    group by days_to_manufacture
),

better_left_out as (
    select
        product_totals.days_to_manufacture,
        'a product outside the report sells more' as problem
    from product_totals
    inner join group_floor
        on product_totals.days_to_manufacture = group_floor.days_to_manufacture
    where
        product_totals.product_id not in (select product_id from report)
        and product_totals.total_quantity > group_floor.lowest_reported
),

wrong_group_size as (
    select
        groups.days_to_manufacture,
        'group does not show its top three' as problem
    from groups
    left join group_floor
        on groups.days_to_manufacture = group_floor.days_to_manufacture
    where coalesce(group_floor.reported_products, 0) <> least(groups.sold_products, 3)
)

select * from better_left_out
union all
select * from wrong_group_size
