{{ config(materialized='view') }}

with source as (
    select * from {{ source('bike', 'person') }}
),

final as (
    select
        *,
        case
            when {{ bike_null('BusinessEntityID') }} is null
                then 'BusinessEntityID is missing'
            when {{ bike_id('BusinessEntityID') }} is null
                then 'BusinessEntityID is not a positive integer'
        end as rejection_reason
    from source
    where
        {{ bike_id('BusinessEntityID') }} is null
)

select * from final  -- noqa: AM04
