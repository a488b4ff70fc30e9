-- title.akas: per day-1 title the original title (ordering 1) and up to ten other titles
-- with region, language, types and attributes; a few rows are doubled, a few doubled with
-- a different title.
{% set as_cte_list = true -%}
with {% include "imdb/title_ctes.sql" %},

per_title as (
    select
        *,
        unnest(range(
            case when i <= {{ forced_last }} then 2 else 0 end
            + floor(rnd(i, 'nakas') * 10.2)::int
        )) as j
    from titles
),

aka_rows as (
    select
        *,
        (i = {{ forced_akas_dup }} and j = 0) or rnd3(i, j, 'adup') < 0.0003 as is_dup,
        (i = {{ forced_akas_conflict }} and j = 0) or rnd3(i, j, 'aconf') < 0.0002
            as is_conflict
    from per_title
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from aka_rows
)

select
    tconst(i) as "titleId",
    (j + 1)::varchar as ordering,
    case
        when copy_no = 1 and is_conflict then primary_title || ' (re-release)'
        when j = 0 then original_title
        when rnd3(i, j, 'atitle') < 0.5 then primary_title
        else ({{ title_non_ascii }})[1 + hk3(i, j, 'atitlep', {{ title_non_ascii | length }})]
    end as title,
    case
        when j = 0 or rnd3(i, j, 'rnull') < 0.05 then '\N'
        else ({{ regions }})[1 + hk3(i, j, 'region', {{ regions | length }})]
    end as region,
    case
        when j = 0 or rnd3(i, j, 'lnull') < 0.8 then '\N'
        else ({{ languages }})[1 + hk3(i, j, 'language', {{ languages | length }})]
    end as language,
    case
        when j = 0 then 'original'
        when rnd3(i, j, 'tnull') < 0.4 then '\N'
        else ({{ aka_types }})[1 + hk3(i, j, 'types', {{ aka_types | length }})]
    end as types,
    case
        when j = 0 or rnd3(i, j, 'attnull') < 0.9 then '\N'
        else ({{ aka_attributes }})[1 + hk3(i, j, 'attributes', {{ aka_attributes | length }})]
    end as attributes,
    case when j = 0 then '1' else '0' end as "isOriginalTitle"
from copies
