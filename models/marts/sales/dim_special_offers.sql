with special_offer_products as (
    select * from {{ ref('stg_bike__special_offer_products') }}
),

order_lines as (
    select * from {{ ref('stg_bike__sales_order_details') }}
),

offers_with_products as (
    select
        special_offer_id,
        cast(count(*) as integer) as product_count
    from special_offer_products
    group by special_offer_id
),

offers_in_orders as (
    select distinct special_offer_id
    from order_lines
    where special_offer_id is not null
),

all_offers as (
    select special_offer_id from offers_with_products
    union
    select special_offer_id from offers_in_orders
),

known_offers as (
    select
        all_offers.special_offer_id,
        coalesce(offers_with_products.product_count, 0) as product_count,
        offers_in_orders.special_offer_id is not null as is_used_in_orders
    from all_offers
    left join offers_with_products
        on all_offers.special_offer_id = offers_with_products.special_offer_id
    left join offers_in_orders
        on all_offers.special_offer_id = offers_in_orders.special_offer_id
),

unknown_member as (
    select
        -1 as special_offer_id,
        0 as product_count,
        false as is_used_in_orders
),

final as (
    select * from known_offers
    union all
    select * from unknown_member
)

select * from final
