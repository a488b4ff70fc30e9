with titles as (
    select * from {{ ref('stg_imdb__titles') }}
),

ratings as (
    select * from {{ ref('stg_imdb__title_ratings') }}
),

unknown_member as (
    select
        cast(-1 as bigint) as title_id,
        cast(null as {{ dbt.type_string() }}) as title_tconst,
        '-1' as title_type,
        'Unknown title' as primary_title,
        'Unknown title' as original_title,
        cast(null as {{ array_type(dbt.type_string()) }}) as genres,
        cast(null as integer) as start_year,
        cast(null as integer) as end_year,
        cast(null as integer) as runtime_minutes,
        cast(null as decimal(3, 1)) as average_rating,
        cast(null as integer) as num_votes,
        cast(null as boolean) as is_adult,
        true as is_unknown_member
),

known_titles as (
    select
        titles.title_id,
        titles.title_tconst,
        coalesce(titles.title_type, '-1') as title_type,
        titles.primary_title,
        titles.original_title,
        titles.genres,
        titles.start_year,
        titles.end_year,
        titles.runtime_minutes,
        ratings.average_rating,
        ratings.num_votes,
        titles.is_adult,
        false as is_unknown_member
    from titles
    left join ratings
        on titles.title_id = ratings.title_id
),

final as (
    select * from unknown_member
    union all
    select * from known_titles
)

select * from final
