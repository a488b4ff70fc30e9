{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__titles') }}
),

final as (
    select
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as tconst,
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
    where title_id is null
)

select * from final
