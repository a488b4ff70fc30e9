{{ config(materialized='view') }}

with title_directors as (
    select * from {{ ref('int_title_directors_unnested') }}
),

final as (
    select
        title_id,
        person_id,
        credit_position
    from title_directors
)

select * from final
