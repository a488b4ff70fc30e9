{{ config(materialized='view') }}

with ratings as (
    select * from {{ ref('stg_imdb__title_ratings') }}
),

final as (
    select
        title_id,
        average_rating,
        num_votes,
        {{ file_delivered_on('imdb_title_ratings') }} as as_of_date
    from ratings
)

select * from final
