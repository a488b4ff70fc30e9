{{ config(materialized='view') }}

with people as (
    select * from {{ ref('stg_imdb__people') }}
),

unknown_member as (
    select
        cast(-1 as bigint) as person_id,
        cast(null as {{ dbt.type_string() }}) as person_nconst,
        'Unknown person' as person_name,
        cast(null as {{ array_type(dbt.type_string()) }}) as professions,
        cast(null as integer) as birth_year,
        cast(null as integer) as death_year,
        true as is_unknown_member
),

known_people as (
    select
        person_id,
        person_nconst,
        primary_name as person_name,
        primary_professions as professions,
        birth_year,
        death_year,
        false as is_unknown_member
    from people
),

final as (
    select * from unknown_member
    union all
    select * from known_people
)

select * from final
