{{ config(materialized='view') }}

with episodes as (
    select * from {{ ref('stg_imdb__title_episodes') }}
),

-- Imported once per role: a CTE referenced twice would be materialized whole.
parent_titles as (
    select * from {{ ref('stg_imdb__titles') }}
),

episode_titles as (
    select * from {{ ref('stg_imdb__titles') }}
),

final as (
    select
        episodes.episode_title_id,
        episodes.parent_title_id,
        episodes.episode_tconst,
        episodes.parent_tconst,
        parent_titles.title_type as parent_title_type,
        episodes.season_number,
        episodes.episode_number,
        episode_titles.title_id is not null as is_in_title_basics,
        parent_titles.title_id is not null as is_parent_in_title_basics,
        parent_titles.title_id is null as is_orphan
    from episodes
    left join parent_titles
        on episodes.parent_title_id = parent_titles.title_id
    left join episode_titles
        on episodes.episode_title_id = episode_titles.title_id
)

select * from final
