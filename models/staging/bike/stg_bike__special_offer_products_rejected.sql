{{ config(materialized='view') }}

with source as (
    select * from {{ source('bike', 'special_offer_product') }}
),

final as (
    select
        *,
        case
            when {{ bike_null('SpecialOfferID') }} is null
                then 'SpecialOfferID is missing'
            when {{ bike_id('SpecialOfferID') }} is null
                then 'SpecialOfferID is not a positive integer'
            when {{ bike_null('ProductID') }} is null
                then 'ProductID is missing'
            when {{ bike_id('ProductID') }} is null
                then 'ProductID is not a positive integer'
        end as rejection_reason
    from source
    where
        {{ bike_id('SpecialOfferID') }} is null
        or {{ bike_id('ProductID') }} is null
)

select * from final  -- noqa: AM04
