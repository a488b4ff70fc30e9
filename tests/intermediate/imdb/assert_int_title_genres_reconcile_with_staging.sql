-- Every distinct genre of every staged title becomes exactly one bridge-ready row:
-- the unnested row count equals the sum of distinct list lengths in staging.
with staged as (
    select coalesce(sum({{ array_size(array_distinct('genres')) }}), 0) as row_count
    from {{ ref('stg_imdb__titles') }}
),

unnested as (
    select count(*) as row_count
    from {{ ref('int_title_genres_unnested') }}
)

select
    staged.row_count as staged_row_count,
    unnested.row_count as unnested_row_count
from staged
cross join unnested
where staged.row_count <> unnested.row_count
