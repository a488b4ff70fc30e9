{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__people') }}
),

final as (
    select
        {{ imdb_id_text('person_id', 'nconst_raw', 'nm') }} as nconst,
        primaryname,
        birthyear,
        deathyear,
        primaryprofession,
        knownfortitles,
        'unparseable key: nconst' as rejection_reason
    from landed
    where person_id is null
)

select * from final
