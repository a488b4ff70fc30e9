{#- A view, like vw_episodes: one row per episode, a join of two small lookups per row.
    The one place where an episode meets its own title data and that of its series: vw_episodes
    adds the credits to these rows. -#}
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

final as (
    select
        episodes.episode_title_id,
        episodes.series_title_id,
        episodes.episode_tconst,
        episodes.series_tconst,
        series_titles.primary_title as series_primary_title,
        episodes.season_number,
        episodes.episode_number,
        episode_titles.primary_title as episode_primary_title,
        episode_titles.original_title as episode_original_title,
        episode_titles.title_type as episode_title_type,
        episode_titles.genres as episode_genres,
        episode_titles.start_year as episode_start_year,
        episode_titles.runtime_minutes as episode_runtime_minutes,
        episode_titles.average_rating as episode_average_rating,
        episode_titles.num_votes as episode_num_votes,
        episode_titles.is_adult,
        series_titles.original_title as series_original_title,
        series_titles.title_type as series_title_type,
        series_titles.genres as series_genres,
        series_titles.start_year as series_start_year,
        series_titles.end_year as series_end_year,
        series_titles.average_rating as series_average_rating,
        series_titles.num_votes as series_num_votes,
        episodes.is_orphan
    from episodes
    left join episode_titles
        on episodes.episode_title_id = episode_titles.title_id
    left join series_titles
        on episodes.series_title_id = series_titles.title_id
)

select * from final
