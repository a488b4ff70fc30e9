{#- A view: the staging table is the one physical copy of ~55M akas. -#}
{{ config(materialized='view') }}

with akas as (
    select * from {{ ref('stg_imdb__title_akas') }}
),

final as (
    select
        title_id,
        ordering,
        coalesce(region_code, '-1') as region_code,
        coalesce(language_code, '-1') as language_code,
        aka_title,
        types,
        attributes,
        is_original_title
    from akas
)

select * from final
