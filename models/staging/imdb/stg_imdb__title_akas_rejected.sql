{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_akas') }}
),

keyed as (
    select
        titleid,
        ordering,
        title,
        region,
        language,
        types,
        attributes,
        isoriginaltitle,
        {{ imdb_id('"titleId"', 'tt') }} as parsed_title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as parsed_ordering
    from landed
),

final as (
    select
        keyed.titleid,
        keyed.ordering,
        keyed.title,
        keyed.region,
        keyed.language,
        keyed.types,
        keyed.attributes,
        keyed.isoriginaltitle,
        case
            when keyed.parsed_title_id is null then 'unparseable key: titleId'
            else 'unparseable key: ordering'
        end as rejection_reason
    from keyed
    where keyed.parsed_title_id is null or keyed.parsed_ordering is null
)

select * from final
