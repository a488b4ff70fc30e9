{{ config(materialized='view') }}

with title_genres as (
    select * from {{ ref('int_title_genres_unnested') }}
),

final as (
    select
        title_id,
        genre_name,
        genre_position
    from title_genres
)

select * from final
