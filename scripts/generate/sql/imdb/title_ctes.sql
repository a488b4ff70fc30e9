{#-
    The title rows that title.basics, title.episode and title.akas share: one row per title
    index i with its type, primary and original title and start year. Those three include
    this block after their `with` (setting `as_cte_list`); on its own it renders as a query
    over the same CTEs, so that it can be linted.
    Titles take four forms over word lists, so that names repeat about as rarely as in a
    real catalogue of the same size (a few exact repeats in thousands of titles).
-#}
{% if not as_cte_list | default(false) %}with {% endif %}titles_range as (
    select r.i from range(1, {{ title_rows + 1 }}) as r (i)
),

typed as (
    select
        i,
        title_type(i) as ttype
    from titles_range
),

titled as (
    select
        *,
        case
            when i = 1 then 'Carmencita'
            when i = {{ titles - 3 }} then {{ lone_quote_title }}
            when i = {{ forced_quoted_title }} then {{ quoted_title }}
            when i = {{ forced_greek }} then 'Καρμενσίτα'
            when i = {{ forced_cyrillic }} then 'Броненосец Потёмкин'
            when i = {{ forced_cjk }} then '東京物語'
            when ttype = 'tvEpisode'
                then
                    'Episode #' || (1 + hk(i, 'season', 9)) || '.' || (1 + hk(i, 'epno', 24))
            when rnd(i, 'quoted') < 0.002
                then ({{ title_quoted }})[1 + hk(i, 'quotedp', {{ title_quoted | length }})]
            when rnd(i, 'nonascii') < 0.01
                then ({{ title_non_ascii }})[
                    1 + hk(i, 'nonasciip', {{ title_non_ascii | length }})
                ]
            when hk(i, 'form', 10) < 5
                then
                    ({{ title_adjectives }})[1 + hk(i, 'adj', {{ title_adjectives | length }})]
                    || ' '
                    || ({{ title_nouns }})[1 + hk(i, 'noun', {{ title_nouns | length }})]
            when hk(i, 'form', 10) < 7
                then
                    'The '
                    || ({{ title_nouns }})[1 + hk(i, 'noun', {{ title_nouns | length }})]
                    || ' of '
                    || ({{ title_places }})[1 + hk(i, 'place', {{ title_places | length }})]
            when hk(i, 'form', 10) < 9
                then
                    ({{ title_adjectives }})[1 + hk(i, 'adj', {{ title_adjectives | length }})]
                    || ' '
                    || ({{ title_nouns }})[1 + hk(i, 'noun', {{ title_nouns | length }})]
                    || ' of '
                    || ({{ title_places }})[1 + hk(i, 'place', {{ title_places | length }})]
            else
                ({{ name_first }})[1 + hk(i, 'tfirst', {{ name_first | length }})]
                || ' and the '
                || ({{ title_nouns }})[1 + hk(i, 'noun', {{ title_nouns | length }})]
        end as primary_title
    from typed
),

titles as (
    select
        *,
        case
            when i in (
                1,
                {{ titles - 3 }},
                {{ forced_quoted_title }},
                {{ forced_greek }},
                {{ forced_cyrillic }},
                {{ forced_cjk }}
            ) then primary_title
            when ttype != 'tvEpisode' and rnd(i, 'original') < 0.03
                then ({{ title_non_ascii }})[
                    1 + hk(i, 'originalp', {{ title_non_ascii | length }})
                ]
            else primary_title
        end as original_title,
        case
            when i = 1 then 1894
            when i = {{ forced_year_zero }} then 0
            when i in ({{ forced_series }}, {{ forced_miniseries }}) then 1990 + hk(i, 'sy', 30)
            when rnd(i, 'synull') < 0.03 then null
            else 1894 + floor(131 * sqrt(rnd(i, 'sy')))::int
        end as start_year
    from titled
){% if not as_cte_list | default(false) %}

select * from titles
{%- endif %}
