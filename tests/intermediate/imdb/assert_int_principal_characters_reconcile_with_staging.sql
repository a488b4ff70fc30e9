-- Every parsed character of every credit becomes one row.
with staged as (
    select coalesce(sum({{ array_size('characters') }}), 0) as row_count
    from {{ ref('stg_imdb__title_principals') }}
),

unnested as (
    select count(*) as row_count
    from {{ ref('int_principal_characters_unnested') }}
)

select
    staged.row_count as staged_row_count,
    unnested.row_count as unnested_row_count
from staged
cross join unnested
where staged.row_count <> unnested.row_count
