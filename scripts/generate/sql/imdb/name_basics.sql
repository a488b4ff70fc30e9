-- name.basics: one row per person j with a name from the word lists, birth and death years,
-- professions and known-for titles (a few of them ids absent from title.basics); on day 2
-- some people die. A few rows are doubled, a few doubled with a different birth year.
-- The forced keys of title.basics are reused as small person keys.
with people as (
    select
        r.j as i,
        case
            when r.j = {{ forced_greek }} then {{ greek_name }}
            when r.j = {{ forced_cyrillic }} then {{ cyrillic_name }}
            when r.j = {{ forced_cjk }} then {{ cjk_name }}
            when rnd(r.j, 'pnonascii') < 0.001
                then ({{ name_non_ascii }})[1 + hk(r.j, 'pna', {{ name_non_ascii | length }})]
            else
                ({{ name_first }})[1 + hk(r.j, 'first', {{ name_first | length }})] || ' '
                || case
                    when rnd(r.j, 'middle') < 0.5
                        then chr(65 + hk(r.j, 'middle', 26)::integer) || '. '
                    else ''
                end
                || ({{ name_last }})[1 + hk(r.j, 'last', {{ name_last | length }})]
        end as primary_name,
        case
            when r.j = {{ forced_greek }} then 1930
            when rnd(r.j, 'bnull') < 0.55 then null
            else 1850 + hk(r.j, 'birth', 156)
        end as birth_year,
        hk(r.j, 'nprof', 4) as n_professions,
        case when rnd(r.j, 'kfnull') < 0.1 then 0 else 1 + hk(r.j, 'nkf', 4) end as n_known,
        r.j = 3 or rnd(r.j, 'kfmiss') < 0.001 as has_missing_known,
        (r.j = {{ forced_basics_dup }} or rnd(r.j, 'ndup') < 0.0003)
        and r.j != {{ forced_greek }} as is_dup,
        (r.j = {{ forced_basics_conflict }} or rnd(r.j, 'nconf') < 0.0002)
        and r.j != {{ forced_greek }} as is_conflict
    from range(1, {{ names + 1 }}) as r (j)
),

aged as (
    select
        *,
        i != {{ forced_greek }} and birth_year is not null and birth_year < 1950
        and rnd(i, 'dead') < 0.6 as j_dead
    from people
),

deaths as (
    select
        *,
        case
            when j_dead then least(birth_year + 30 + hk(i, 'age', 66), 2024)
            when
                {{ day_two }} and birth_year is not null
                and (i = {{ forced_greek }} or rnd(i, 'd2death') < 0.001)
                then 2025
        end as death_year
    from aged
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from deaths
)

select
    nconst(i) as nconst,
    primary_name as "primaryName",
    case
        when copy_no = 1 and is_conflict then tn(coalesce(birth_year, 1960) + 1)
        else tn(birth_year)
    end as "birthYear",
    tn(death_year) as "deathYear",
    coalesce(nullif(array_to_string(list_distinct(list_transform(
        range(n_professions),
        lambda k: ({{ professions }})[1 + hk3(i, k, 'prof', {{ professions | length }})]
    )), ','), ''), '\N') as "primaryProfession",
    coalesce(nullif(array_to_string(list_transform(
        range(n_known),
        lambda k: case
            when has_missing_known and k = 0 then missing_tconst(hk(i, 'kfmissid', 9999999))
            else tconst(1 + hk3(i, k, 'known', {{ titles }}))
        end
    ), ','), ''), '\N') as "knownForTitles"
from copies
