{{ config(materialized='view') }}

with source as (
    select * from {{ source('imdb', 'title_akas') }}
),

keyed as (
    select
        *,
        {{ imdb_id('"titleId"', 'tt') }} as parsed_title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as parsed_ordering
    from source
),

final as (
    select
        * exclude (parsed_title_id, parsed_ordering),
        case
            when parsed_title_id is null then 'unparseable key: titleId'
            else 'unparseable key: ordering'
        end as rejection_reason
    from keyed
    where parsed_title_id is null or parsed_ordering is null
)

select * from final
