{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_principals') }}
),

keyed as (
    select
        tconst,
        ordering,
        nconst,
        category,
        job,
        characters,
        {{ imdb_id('"tconst"', 'tt') }} as parsed_title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as parsed_ordering
    from landed
),

final as (
    select
        keyed.tconst,
        keyed.ordering,
        keyed.nconst,
        keyed.category,
        keyed.job,
        keyed.characters,
        case
            when keyed.parsed_title_id is null then 'unparseable key: tconst'
            else 'unparseable key: ordering'
        end as rejection_reason
    from keyed
    where keyed.parsed_title_id is null or keyed.parsed_ordering is null
)

select * from final
