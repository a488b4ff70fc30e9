-- vw_episodes: every episode of fct_episodes appears, and its rows are exactly its
-- credits (or one row when it has none). Returns episodes whose row count is off.
with episodes as (
    select episode_title_id from {{ ref('fct_episodes') }}
),

credits as (
    select
        title_id,
        count(*) as credit_count
    from {{ ref('fct_title_principals') }}
    group by title_id
),

view_rows as (
    select
        episode_title_id,
        count(*) as row_count
    from {{ ref('vw_episodes') }}
    group by episode_title_id
),

final as (
    select
        episodes.episode_title_id,
        greatest(coalesce(credits.credit_count, 0), 1) as expected_row_count,
        coalesce(view_rows.row_count, 0) as actual_row_count
    from episodes
    left join credits
        on episodes.episode_title_id = credits.title_id
    left join view_rows
        on episodes.episode_title_id = view_rows.episode_title_id
)

select * from final
where expected_row_count <> actual_row_count
