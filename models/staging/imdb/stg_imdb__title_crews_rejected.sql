{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_crews') }}
),

final as (
    select
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as tconst,
        directors,
        writers,
        'unparseable key: tconst' as rejection_reason
    from landed
    where title_id is null
)

select * from final
