{#- Question 2: the three best-selling products (by units) for each
    DaysToManufacture value. SpecialOfferProduct is joined on both of its key
    columns, so each order line matches at most one row and no quantity is
    counted twice. -#}
with order_lines as (
    select * from {{ ref('fct_sales_order_lines') }}
),

special_offer_products as (
    select * from {{ ref('bdg_special_offer_products') }}
),

products as (
    select * from {{ ref('dim_products') }}
),

product_quantities as (
    select
        products.product_id,
        products.product_name,
        products.days_to_manufacture,
        sum(order_lines.order_quantity) as total_quantity
    from order_lines
    inner join special_offer_products
        on
            order_lines.special_offer_id = special_offer_products.special_offer_id
            and order_lines.product_id = special_offer_products.product_id
    inner join products
        on special_offer_products.product_id = products.product_id
    where products.days_to_manufacture is not null
    group by
        products.product_id,
        products.product_name,
        products.days_to_manufacture
),

ranked as (
    select
        *,
        row_number() over (
            partition by days_to_manufacture
            order by total_quantity desc, product_name asc
        ) as sales_rank
    from product_quantities
),

final as (
    select
        days_to_manufacture,
        sales_rank,
        product_id,
        product_name,
        cast(total_quantity as bigint) as total_quantity
    from ranked
    where sales_rank <= 3
)

select * from final
