{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_episodes') }}
),

final as (
    select
        {{ imdb_id_text('episode_title_id', 'tconst_raw', 'tt') }} as tconst,
        {{ imdb_id_text('parent_title_id', 'parenttconst_raw', 'tt') }} as parenttconst,
        seasonnumber,
        episodenumber,
        'unparseable key: tconst' as rejection_reason
    from landed
    where episode_title_id is null
)

select * from final
