{{ config(materialized='view') }}

with source as (
    select * from {{ source('imdb', 'title_principals') }}
),

keyed as (
    select
        *,
        {{ imdb_id('"tconst"', 'tt') }} as parsed_title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as parsed_ordering
    from source
),

final as (
    select
        * exclude (parsed_title_id, parsed_ordering),
        case
            when parsed_title_id is null then 'unparseable key: tconst'
            else 'unparseable key: ordering'
        end as rejection_reason
    from keyed
    where parsed_title_id is null or parsed_ordering is null
)

select * from final
