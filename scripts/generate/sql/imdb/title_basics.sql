-- title.basics: one row per title, day-2 titles appended; a few rows written twice
-- (duplicates) or twice with different runtimes (conflicts).
{% set as_cte_list = true -%}
with {% include "imdb/title_ctes.sql" %},

base as (
    select
        *,
        case
            when ttype in ('tvSeries', 'tvMiniSeries') and start_year is not null
                then
                    case
                        when i = {{ forced_series }} or rnd(i, 'endlow') < 0.002
                            then start_year - 1 - hk(i, 'endlowby', 5)
                        when rnd(i, 'endnull') < 0.5 then null
                        else start_year + hk(i, 'ey', 15)
                    end
        end as end_year0,
        case
            when i = 1 then 1
            when rnd(i, 'rtnull') < 0.3 then null
            when ttype = 'tvEpisode' then 10 + hk(i, 'rt', 50)
            when ttype in ('short', 'tvShort') then 1 + hk(i, 'rt', 30)
            else 60 + hk(i, 'rt', 120)
        end as runtime0,
        case
            when i = 1 then 'Documentary,Short'
            when rnd(i, 'gnull') < 0.05 then null
            else array_to_string(list_sort(list_distinct([
                {{ genres }}[1 + hk(i, 'g1', 28)],
                {{ genres }}[1 + (hk(i, 'g1', 28) + 1 + hk(i, 'g2', 13)) % 28],
                {{ genres }}[1 + (hk(i, 'g1', 28) + 14 + hk(i, 'g3', 13)) % 28]
            ][1:1 + hk(i, 'gn', 3)])), ',')
        end as genres,
        (i = {{ forced_basics_dup }} or rnd(i, 'bdup') < 0.0003)
        and i not in (1, {{ titles - 3 }}) as is_dup,
        (i = {{ forced_basics_conflict }} or rnd(i, 'bconf') < 0.0002)
        and i not in (1, {{ titles - 3 }}) as is_conflict
    from titles
),

changed as (
    select
        *,
        case
            when
                {{ day_two }} and start_year is not null
                and (
                    i = {{ forced_miniseries }}
                    or (end_year0 is not null and rnd(i, 'd2end') < 0.002)
                )
                then coalesce(end_year0, start_year) + 1
            else end_year0
        end as end_year,
        case
            when {{ day_two }} and (i = {{ forced_runtime_change }} or rnd(i, 'd2rt') < 0.0005)
                then coalesce(runtime0, 85) + 5
            else runtime0
        end as runtime
    from base
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from changed
)

select
    tconst(i) as tconst,
    ttype as "titleType",
    primary_title as "primaryTitle",
    original_title as "originalTitle",
    case when rnd(i, 'adult') < 0.015 and i > {{ forced_last }} then '1' else '0' end
        as "isAdult",
    tn(start_year) as "startYear",
    tn(end_year) as "endYear",
    case
        when i = {{ forced_genre_runtime }} then 'Reality-TV'
        when copy_no = 1 and is_conflict and not is_dup then tn(coalesce(runtime, 0) + 1)
        else tn(runtime)
    end as "runtimeMinutes",
    tn(genres) as genres
from copies
