-- title.crew: directors and writers per day-1 title as comma-separated name ids; a few
-- rows are doubled, a few doubled with a different director.
with draws as (
    select
        r.i,
        rnd(r.i, 'ndirectors') as r
    from range(1, {{ titles + 1 }}) as r (i)
),

crew as (
    select
        i,
        case
            when r < 0.3 then 0 when r < 0.85 then 1 when r < 0.97 then 2 else 3
        end as n_directors,
        hk(i, 'nwriters', 4) as n_writers,
        rnd(i, 'cdup') < 0.0003 or i = {{ forced_crew_dup }} as is_dup,
        rnd(i, 'cconf') < 0.0002 or i = {{ forced_crew_conflict }} as is_conflict
    from draws
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from crew
)

select
    tconst(i) as tconst,
    case
        when copy_no = 1 and is_conflict then nconst(1 + hk(i, 'cconfname', {{ names }}))
        else coalesce(nullif(array_to_string(list_transform(
            range(n_directors),
            lambda k: nconst(1 + hk3(i, k, 'director', {{ names }}))
        ), ','), ''), '\N')
    end as directors,
    coalesce(nullif(array_to_string(list_transform(
        range(n_writers),
        lambda k: nconst(1 + hk3(i, k, 'writer', {{ names }}))
    ), ','), ''), '\N') as writers
from copies
