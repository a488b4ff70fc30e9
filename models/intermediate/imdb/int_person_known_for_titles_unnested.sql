with people as (
    select * from {{ ref('stg_imdb__people') }}
),

unnested as (
    select
        person_id,
        {{ unnest_with_position('known_for_title_ids', 'title_id', 'known_for_position') }}
    from people
    where known_for_title_ids is not null
),

final as (
    -- A value repeated in one list (rare, but the source allows it) is kept once,
    -- at its first position, so the grain (person_id, title_id) holds.
    select
        person_id,
        title_id,
        min(known_for_position) as known_for_position
    from unnested
    group by person_id, title_id
)

select * from final
