-- title.episode: one row per tvEpisode title, linked to a series drawn from the `series`
-- table; a few parents are ids absent from title.basics, a few rows are written twice.
{% set as_cte_list = true -%}
with {% include "imdb/title_ctes.sql" %},

episodes as (
    select
        t.i,
        case
            when t.i = {{ forced_episode }} or rnd(t.i, 'orphan') < 0.0005
                then missing_tconst(hk(t.i, 'orphanid', 9999999))
            else tconst(s.i)
        end as parent,
        case when rnd(t.i, 'senull') < 0.2 then null else 1 + hk(t.i, 'season', 9) end
            as season,
        rnd(t.i, 'edup') < 0.0003 or t.i = {{ forced_episode }} as is_dup,
        rnd(t.i, 'econf') < 0.0002 or t.i = (
            select min(typed.i) from typed
            where typed.ttype = 'tvEpisode' and typed.i > {{ forced_last }}
        ) as is_conflict
    from typed as t
    inner join series as s on s.sn = 1 + hk(t.i, 'parent', {{ series_count }})
    where t.ttype = 'tvEpisode'
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from episodes
)

select
    tconst(i) as tconst,
    parent as "parentTconst",
    tn(season) as "seasonNumber",
    case
        when season is null then '\N'
        when copy_no = 1 and is_conflict then tn(2 + hk(i, 'epno', 24))
        else tn(1 + hk(i, 'epno', 24))
    end as "episodeNumber"
from copies
order by i, copy_no
