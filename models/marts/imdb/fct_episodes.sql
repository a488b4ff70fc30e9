with episodes as (
    select * from {{ ref('int_episodes_joined') }}
),

final as (
    select
        episode_title_id,
        coalesce(parent_title_id, -1) as series_title_id,
        episode_tconst,
        parent_tconst as series_tconst,
        season_number,
        episode_number,
        is_in_title_basics,
        is_orphan,
        {{ file_delivered_on('imdb_title_episode') }} as as_of_date
    from episodes
)

select * from final
