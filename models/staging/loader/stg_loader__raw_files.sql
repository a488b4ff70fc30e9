{{ config(materialized='view') }}

with raw_files as (
    select * from {{ source('loader', 'raw_files') }}
),

final as (
    select
        table_name,
        cast(modified_at as date) as delivered_on,
        modified_at as delivered_at,
        data_row_count
    from raw_files
)

select * from final
