{#- A view: the staging table is the one physical copy of ~98M credits; this
    adds the unknown-member default and drops the lineage columns. -#}
{{ config(materialized='view') }}

with principals as (
    select * from {{ ref('stg_imdb__title_principals') }}
),

final as (
    select
        title_id,
        ordering as credit_ordering,
        coalesce(person_id, -1) as person_id,
        category,
        job,
        characters,
        {{ file_delivered_on('imdb_title_principals') }} as as_of_date
    from principals
)

select * from final
