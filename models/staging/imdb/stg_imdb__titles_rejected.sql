{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__titles') }}
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
    from landed
    where {{ imdb_id('"tconst"', 'tt') }} is null
)

select * from final
