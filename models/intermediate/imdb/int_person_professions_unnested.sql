with people as (
    select * from {{ ref('stg_imdb__people') }}
),

unnested as (
    select
        person_id,
        {{ unnest_with_position('primary_professions', 'profession_name', 'profession_position') }}
    from people
    where primary_professions is not null
),

final as (
    -- A value repeated in one list (rare, but the source allows it) is kept once,
    -- at its first position, so the grain (person_id, profession_name) holds.
    select
        person_id,
        profession_name,
        min(profession_position) as profession_position
    from unnested
    group by person_id, profession_name
)

select * from final
