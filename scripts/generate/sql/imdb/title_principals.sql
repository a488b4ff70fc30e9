-- title.principals: 1 to 16 people per day-1 title (forced titles get 3 more), with a
-- category drawn from the real mix, a job for some crew and characters for the cast.
-- One forced title carries quotes inside its job and characters.
with per_title as (
    select
        r.i,
        unnest(range(
            case when r.i <= {{ forced_last }} then 3 else 0 end
            + 1 + floor(rnd(r.i, 'nprincipals') * 15.34)::int
        )) as j
    from range(1, {{ titles + 1 }}) as r (i)
),

draws as (
    select
        i,
        j,
        rnd3(i, j, 'category') as rc
    from per_title
),

principal_rows as (
    select
        i,
        j,
        case
            when i = {{ forced_principals_quotes }} and j = 0 then 'actor'
            when i = {{ forced_principals_quotes }} and j = 1 then 'writer'
            when rc < 0.28 then 'actor'
            when rc < 0.46 then 'actress'
            when rc < 0.58 then 'self'
            when rc < 0.66 then 'director'
            when rc < 0.78 then 'writer'
            when rc < 0.86 then 'producer'
            when rc < 0.9 then 'composer'
            when rc < 0.94 then 'cinematographer'
            when rc < 0.98 then 'editor'
            when rc < 0.99 then 'production_designer'
            when rc < 0.995 then 'casting_director'
            else 'archive_footage'
        end as category,
        (i = {{ forced_principals_dup }} and j = 0) or rnd3(i, j, 'pdup') < 0.0003 as is_dup,
        (i = {{ forced_principals_conflict }} and j = 0) or rnd3(i, j, 'pconf') < 0.0002
            as is_conflict
    from draws
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from principal_rows
)

select
    tconst(i) as tconst,
    (j + 1)::varchar as ordering,
    case
        when copy_no = 1 and is_conflict then nconst(1 + hk3(i, j, 'pconfname', {{ names }}))
        else nconst(1 + hk3(i, j, 'pname', {{ names }}))
    end as nconst,
    category,
    case
        when i = {{ forced_principals_quotes }} and j = 1 then {{ quoted_job }}
        when
            category in ('writer', 'producer', 'director', 'cinematographer')
            and hash(i, j, 'jobnull', 1) % 10 < 3
            then ({{ jobs }})[1 + hk3(i, j, 'job', {{ jobs | length }})]
        else '\N'
    end as job,
    case
        when i = {{ forced_principals_quotes }} and j = 0 then {{ quoted_characters }}
        when category not in ('actor', 'actress', 'self') then '\N'
        when rnd3(i, j, 'chnull') < 0.15 then '\N'
        when rnd3(i, j, 'chtwo') < 0.1
            then
                '["'
                || ({{ characters }})[1 + hk3(i, j, 'ch1', {{ characters | length }})]
                || '","'
                || ({{ characters }})[1 + hk3(i, j, 'ch2', {{ characters | length }})]
                || '"]'
        else '["' || ({{ characters }})[1 + hk3(i, j, 'ch1', {{ characters | length }})] || '"]'
    end as characters
from copies
