with crews as (
    select * from {{ ref('stg_imdb__title_crews') }}
),

unnested as (
    select
        title_id,
        {{ unnest_with_position('director_person_ids', 'person_id', 'credit_position') }}
    from crews
    where director_person_ids is not null
),

final as (
    -- A value repeated in one list (rare, but the source allows it) is kept once,
    -- at its first position, so the grain (title_id, person_id) holds.
    select
        title_id,
        person_id,
        min(credit_position) as credit_position
    from unnested
    group by title_id, person_id
)

select * from final
