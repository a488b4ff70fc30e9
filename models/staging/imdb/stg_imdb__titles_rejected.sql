{{ config(materialized='view') }}

with source as (
    select * from {{ source('imdb', 'title_basics') }}
),

final as (
    select
        tconst,
        titletype,
        primarytitle,
        originaltitle,
        isadult,
        startyear,
        endyear,
        runtimeminutes,
        genres,
        'unparseable key: tconst' as rejection_reason
    from source
    where {{ imdb_id('"tconst"', 'tt') }} is null
)

select * from final
