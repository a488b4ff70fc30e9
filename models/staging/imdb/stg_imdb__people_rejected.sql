{{ config(materialized='view') }}

with source as (
    select * from {{ source('imdb', 'name_basics') }}
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
    from source
    where {{ imdb_id('"nconst"', 'nm') }} is null
)

select * from final
