{{ config(materialized='view') }}

with ratings as (
    select * from {{ ref('stg_imdb__title_ratings') }}
),

final as (
    select
        title_id,
        average_rating,
        num_votes,
        -- the day of the delivered file the ratings are as of
        (
            select max(delivered_on) from {{ ref('stg_loader__raw_files') }}
            where table_name = 'imdb_title_ratings'
        ) as as_of_date
    from ratings
)

select * from final
