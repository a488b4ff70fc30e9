{#- A view: one row per episode credit is ~all episode principals x wide title
    and person columns; stored, it would copy tens of millions of rows again.
    DuckDB pushes the filters of a query (a series, a season) into the scans. -#}
{{ config(materialized='view') }}

with episodes as (
    select * from {{ ref('vw_series_episodes') }}
),

principals as (
    select * from {{ ref('fct_title_principals') }}
),

people as (
    select * from {{ ref('dim_people') }}
),

final as (
    -- Every row starts from an episode (title.episode, with its and its series' title data
    -- from vw_series_episodes), so every row is an episode; the left join to principals
    -- keeps episodes without credits once.
    select
        episodes.episode_title_id,
        episodes.series_title_id,
        principals.credit_ordering,
        principals.person_id,
        episodes.episode_tconst,
        episodes.episode_primary_title,
        episodes.episode_original_title,
        episodes.episode_title_type,
        episodes.episode_genres,
        episodes.series_tconst,
        episodes.series_primary_title,
        episodes.series_original_title,
        episodes.series_title_type,
        episodes.series_genres,
        people.person_nconst,
        people.person_name,
        people.professions as person_professions,
        principals.category,
        principals.job,
        principals.characters,
        episodes.season_number,
        episodes.episode_number,
        episodes.episode_start_year,
        episodes.episode_runtime_minutes,
        episodes.episode_average_rating,
        episodes.episode_num_votes,
        episodes.series_start_year,
        episodes.series_end_year,
        episodes.series_average_rating,
        episodes.series_num_votes,
        people.birth_year as person_birth_year,
        people.death_year as person_death_year,
        episodes.is_adult,
        episodes.is_orphan
    from episodes
    left join principals
        on episodes.episode_title_id = principals.title_id
    left join people
        on principals.person_id = people.person_id
)

select * from final
