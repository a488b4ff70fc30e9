{#- Every dbt-project-evaluator exception names a check, a column and a value, once, and says
    why it is legitimate (a reason of a few words at least). -#}
with exceptions as (
    select * from {{ ref('dbt_project_evaluator_exceptions') }}
),

repeated as (
    select
        fct_name,
        column_name,
        id_to_exclude
    from exceptions
    group by fct_name, column_name, id_to_exclude
    having count(*) > 1
),

unexplained as (
    select
        fct_name,
        column_name,
        id_to_exclude
    from exceptions
    where
        fct_name is null
        or column_name is null
        or id_to_exclude is null
        or length(trim(coalesce(comment, ''))) < 30
)

select * from repeated
union all
select * from unexplained
