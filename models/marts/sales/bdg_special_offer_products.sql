with special_offer_products as (
    select * from {{ ref('stg_bike__special_offer_products') }}
),

final as (
    select
        special_offer_id,
        product_id
    from special_offer_products
)

select * from final
