{{ config(materialized='view') }}

with source as (
    select * from {{ source('imdb', 'title_crew') }}
),

final as (
    select
        tconst,
        directors,
        writers,
        'unparseable key: tconst' as rejection_reason
    from source
    where {{ imdb_id('"tconst"', 'tt') }} is null
)

select * from final
