{{ config(materialized='view') }}

with source as (
    select * from {{ source('bike', 'product') }}
),

final as (
    select
        *,
        case
            when {{ bike_null('ProductID') }} is null
                then 'ProductID is missing'
            else 'ProductID is not a positive integer'
        end as rejection_reason
    from source
    where {{ bike_id('ProductID') }} is null
)

select * from final  -- noqa: AM04
