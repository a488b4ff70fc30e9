with titles as (
    select * from {{ ref('stg_imdb__titles') }}
),

unnested as (
    select
        title_id,
        {{ unnest_with_position('genres', 'genre_name', 'genre_position') }}
    from titles
    where genres is not null
),

final as (
    -- A value repeated in one list (rare, but the source allows it) is kept once,
    -- at its first position, so the grain (title_id, genre_name) holds.
    select
        title_id,
        genre_name,
        min(genre_position) as genre_position
    from unnested
    group by title_id, genre_name
)

select * from final
