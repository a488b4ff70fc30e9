-- vw_general drops only credits that miss a field analysts need. A credit whose title
-- and person are both present in the dimensions with those fields must be in the view.
with principals as (
    select * from {{ ref('fct_title_principals') }}
),

titles as (
    select * from {{ ref('dim_titles') }}
),

people as (
    select * from {{ ref('dim_people') }}
),

usable_credits as (
    select
        principals.title_id,
        principals.credit_ordering
    from principals
    inner join titles
        on principals.title_id = titles.title_id
    inner join people
        on principals.person_id = people.person_id
    where
        titles.title_id <> -1
        and people.person_id <> -1
        and titles.title_type <> '-1'
        and titles.primary_title is not null
        and titles.start_year is not null
        and people.person_name is not null
        and principals.category is not null
),

general as (
    select * from {{ ref('vw_general') }}
)

select usable_credits.*
from usable_credits
left join general
    on
        usable_credits.title_id = general.title_id
        and usable_credits.credit_ordering = general.credit_ordering
where general.title_id is null
