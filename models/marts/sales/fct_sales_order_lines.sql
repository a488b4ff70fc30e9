with order_lines as (
    select * from {{ ref('stg_bike__sales_order_details') }}
),

orders as (
    select * from {{ ref('fct_sales_orders') }}
),

products as (
    select * from {{ ref('dim_products') }}
),

special_offers as (
    select * from {{ ref('dim_special_offers') }}
),

final as (
    select
        order_lines.sales_order_id,
        order_lines.sales_order_detail_id,
        coalesce(orders.customer_id, -1) as customer_id,
        coalesce(products.product_id, -1) as product_id,
        coalesce(special_offers.special_offer_id, -1) as special_offer_id,
        coalesce(orders.order_date_key, -1) as order_date_key,
        order_lines.order_quantity,
        order_lines.unit_price,
        order_lines.unit_price_discount,
        order_lines.line_total,
        orders.is_online_order,
        orders.order_date,
        orders.ordered_at
    from order_lines
    left join orders
        on order_lines.sales_order_id = orders.sales_order_id
    left join products
        on order_lines.product_id = products.product_id
    left join special_offers
        on order_lines.special_offer_id = special_offers.special_offer_id
)

select * from final
