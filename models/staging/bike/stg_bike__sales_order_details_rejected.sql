{{ config(materialized='view') }}

with source as (
    select * from {{ source('bike', 'sales_order_detail') }}
),

final as (
    select
        *,
        case
            when {{ bike_null('SalesOrderID') }} is null
                then 'SalesOrderID is missing'
            when {{ bike_id('SalesOrderID') }} is null
                then 'SalesOrderID is not a positive integer'
            when {{ bike_null('SalesOrderDetailID') }} is null
                then 'SalesOrderDetailID is missing'
            when {{ bike_id('SalesOrderDetailID') }} is null
                then 'SalesOrderDetailID is not a positive integer'
        end as rejection_reason
    from source
    where
        {{ bike_id('SalesOrderID') }} is null
        or {{ bike_id('SalesOrderDetailID') }} is null
)

select * from final  -- noqa: AM04
