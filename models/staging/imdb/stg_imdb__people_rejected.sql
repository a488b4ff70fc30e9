{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__people') }}
),

final as (
    select
        nconst,
        primaryname,
        birthyear,
        deathyear,
        primaryprofession,
        knownfortitles,
        'unparseable key: nconst' as rejection_reason
    from landed
    where {{ imdb_id('"nconst"', 'nm') }} is null
)

select * from final
