{{ config(materialized='view') }}

with rating_versions as (
    select * from {{ ref('snap_imdb__title_ratings') }}
),

final as (
    select
        dbt_scd_id as title_rating_version_id,
        title_id,
        average_rating,
        num_votes,
        dbt_valid_to is null as is_current,
        dbt_valid_from as valid_from,
        -- the current version is open-ended: a far-future end keeps range joins simple
        coalesce(dbt_valid_to, cast('9999-12-31' as timestamp)) as valid_to
    from rating_versions
)

select * from final
