{{ config(materialized='view') }}

with title_writers as (
    select * from {{ ref('int_title_writers_unnested') }}
),

final as (
    select
        title_id,
        person_id,
        credit_position
    from title_writers
)

select * from final
