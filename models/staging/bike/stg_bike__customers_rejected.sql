{{ config(materialized='view') }}

with source as (
    select * from {{ source('bike', 'customer') }}
),

final as (
    select
        *,
        case
            when {{ bike_null('CustomerID') }} is null
                then 'CustomerID is missing'
            when {{ bike_id('CustomerID') }} is null
                then 'CustomerID is not a positive integer'
        end as rejection_reason
    from source
    where
        {{ bike_id('CustomerID') }} is null
)

select * from final  -- noqa: AM04
