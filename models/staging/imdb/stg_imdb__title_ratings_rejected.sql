{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_ratings') }}
),

final as (
    select
        tconst,
        averagerating,
        numvotes,
        'unparseable key: tconst' as rejection_reason
    from landed
    where {{ imdb_id('"tconst"', 'tt') }} is null
)

select * from final
