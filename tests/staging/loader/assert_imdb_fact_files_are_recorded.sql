{#- The IMDB facts take their as_of_date from the loader's record of their file: each of those
    files has a delivery day there, so no fact row gets a NULL as_of_date. Checked on the
    record (one row per file) instead of on every fact row. -#}
with required as (
    select 'imdb_title_ratings' as table_name
    union all
    select 'imdb_title_principals' as table_name
    union all
    select 'imdb_title_episode' as table_name
),

recorded as (
    select * from {{ ref('stg_loader__raw_files') }}
)

select required.table_name
from required
left join recorded
    on required.table_name = recorded.table_name
where recorded.delivered_on is null
