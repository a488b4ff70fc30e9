{#- A view over the credit fact and its dimensions: nothing to store or
    rebuild, and DuckDB pushes the filters of a query into the table scans. -#}
{{ config(materialized='view') }}

with principals as (
    select * from {{ ref('fct_title_principals') }}
),

titles as (
    select * from {{ ref('dim_titles') }}
),

title_types as (
    select * from {{ ref('dim_title_types') }}
),

people as (
    select * from {{ ref('dim_people') }}
),

final as (
    -- Only credits an analyst can use: a known title with its title, type and
    -- year, and a known person with a name, in a known category. Death year,
    -- end year, rating and runtime may be NULL (most people are alive, most
    -- titles are not series and many are not rated).
    select
        principals.title_id,
        principals.credit_ordering,
        principals.person_id,
        titles.title_tconst,
        titles.primary_title,
        titles.original_title,
        titles.title_type,
        title_types.title_type_name,
        titles.genres,
        people.person_nconst,
        people.person_name,
        principals.category,
        principals.job,
        principals.characters,
        titles.start_year,
        titles.end_year,
        titles.runtime_minutes,
        titles.average_rating,
        titles.num_votes,
        people.birth_year as person_birth_year,
        people.death_year as person_death_year,
        titles.is_adult
    from principals
    inner join titles
        on principals.title_id = titles.title_id
    inner join title_types
        on titles.title_type = title_types.title_type
    inner join people
        on principals.person_id = people.person_id
    where
        not titles.is_unknown_member
        and not people.is_unknown_member
        and not title_types.is_unknown_member
        and titles.primary_title is not null
        and titles.start_year is not null
        and people.person_name is not null
        and principals.category is not null
)

select * from final
