{{ config(materialized='view') }}

with person_professions as (
    select * from {{ ref('int_person_professions_unnested') }}
),

final as (
    select
        person_id,
        profession_name,
        profession_position
    from person_professions
)

select * from final
