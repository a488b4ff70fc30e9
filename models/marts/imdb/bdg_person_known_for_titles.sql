{{ config(materialized='view') }}

with known_for_titles as (
    select * from {{ ref('int_person_known_for_titles_unnested') }}
),

final as (
    select
        person_id,
        title_id,
        known_for_position
    from known_for_titles
)

select * from final
