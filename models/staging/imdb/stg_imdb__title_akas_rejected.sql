{{ config(materialized='view') }}

with landed as (
    select * from {{ ref('base_imdb__title_akas') }}
),

final as (
    -- The file's text, rebuilt from the landed ids where it was canonical.
    select
        {{ imdb_id_text('title_id', 'titleid_raw', 'tt') }} as titleid,
        {{ imdb_integer_text('ordering', 'ordering_raw') }} as ordering,
        title,
        region,
        language,
        types,
        attributes,
        isoriginaltitle,
        case
            when title_id is null then 'unparseable key: titleId'
            else 'unparseable key: ordering'
        end as rejection_reason
    from landed
    where title_id is null or ordering is null or ordering < 1
)

select * from final
