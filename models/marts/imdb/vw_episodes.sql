{#- A view: one row per episode credit is ~all episode principals x wide title
    and person columns; stored, it would copy tens of millions of rows again.
    DuckDB pushes the filters of a query (a series, a season) into the scans. -#}
{{ config(materialized='view') }}

with episodes as (
    select * from {{ ref('fct_episodes') }}
),

-- The title dimension is imported twice, once per role: a CTE referenced twice
-- would be materialized whole (every column of 12M titles) on each query.
episode_titles as (
    select * from {{ ref('dim_titles') }}
),

series_titles as (
    select * from {{ ref('dim_titles') }}
),

principals as (
    select * from {{ ref('fct_title_principals') }}
),

people as (
    select * from {{ ref('dim_people') }}
),

final as (
    -- Every row starts from an episode (title.episode), so every row is an
    -- episode; the left join to principals keeps episodes without credits once.
    select
        episodes.episode_title_id,
        episodes.parent_title_id as series_title_id,
        principals.ordering as credit_ordering,
        principals.person_id,
        episodes.episode_tconst,
        episode_titles.primary_title as episode_primary_title,
        episode_titles.original_title as episode_original_title,
        episode_titles.title_type as episode_title_type,
        episode_titles.genres as episode_genres,
        episodes.parent_tconst as series_tconst,
        series_titles.primary_title as series_primary_title,
        series_titles.original_title as series_original_title,
        series_titles.title_type as series_title_type,
        series_titles.genres as series_genres,
        people.person_nconst,
        people.primary_name as person_name,
        people.primary_professions as person_professions,
        principals.category,
        principals.job,
        principals.characters,
        episodes.season_number,
        episodes.episode_number,
        episode_titles.start_year as episode_year,
        episode_titles.runtime_minutes as episode_runtime_minutes,
        episode_titles.average_rating as episode_average_rating,
        episode_titles.num_votes as episode_num_votes,
        series_titles.start_year as series_start_year,
        series_titles.end_year as series_end_year,
        series_titles.average_rating as series_average_rating,
        series_titles.num_votes as series_num_votes,
        people.birth_year as person_birth_year,
        people.death_year as person_death_year,
        episode_titles.is_adult,
        episodes.is_orphan
    from episodes
    left join episode_titles
        on episodes.episode_title_id = episode_titles.title_id
    left join series_titles
        on episodes.parent_title_id = series_titles.title_id
    left join principals
        on episodes.episode_title_id = principals.title_id
    left join people
        on principals.person_id = people.person_id
)

select * from final
