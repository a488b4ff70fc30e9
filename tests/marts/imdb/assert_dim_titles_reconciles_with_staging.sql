-- dim_titles holds every staged title once plus exactly one unknown member.
with staged as (
    select count(*) as row_count from {{ ref('stg_imdb__titles') }}
),

dimension as (
    select
        count(*) filter (where not is_unknown_member) as known_row_count,
        count(*) filter (where is_unknown_member) as unknown_row_count
    from {{ ref('dim_titles') }}
)

select
    staged.row_count as staged_row_count,
    dimension.known_row_count,
    dimension.unknown_row_count
from staged
cross join dimension
where
    staged.row_count <> dimension.known_row_count
    or dimension.unknown_row_count <> 1
