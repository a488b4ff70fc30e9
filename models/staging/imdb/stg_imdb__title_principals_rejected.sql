{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_principals') }}
),

final as (
    -- The file's text, rebuilt from the landed ids where it was canonical.
    select
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as tconst,
        {{ imdb_integer_text('ordering', 'ordering_raw') }} as ordering,
        {{ imdb_id_text('person_id', 'nconst_raw', 'nm') }} as nconst,
        category,
        job,
        characters,
        case
            when title_id is null then 'unparseable key: tconst'
            else 'unparseable key: ordering'
        end as rejection_reason
    from landed
    where title_id is null or ordering is null or ordering < 1
)

select * from final
