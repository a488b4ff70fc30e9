{{ config(materialized='view') }}

with ratings as (
    select * from {{ ref('stg_imdb__title_ratings') }}
),

final as (
    select
        title_id,
        average_rating,
        num_votes
    from ratings
)

select * from final
