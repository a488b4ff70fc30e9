{#- title.basics.tsv.gz landed once, every row: its title id cast, with the file's text kept
    wherever it is not canonical (imdb_landing.sql); the other columns as text. -#}
with source as (
    select * from {{ source('imdb', 'title_basics') }}
),

checked as (
    select
        tconst,
        titletype,
        primarytitle,
        originaltitle,
        isadult,
        startyear,
        endyear,
        runtimeminutes,
        genres,
        {{ imdb_is_canonical_id('tconst', 'tt') }} as is_canonical_tconst
    from source
),

landed as (
    select
        {{ imdb_landed_id('tconst', 'tt', 'is_canonical_tconst') }} as title_id,
        {{ imdb_landed_raw('tconst', 'is_canonical_tconst') }} as tconst_raw,
        titletype,
        primarytitle,
        originaltitle,
        isadult,
        startyear,
        endyear,
        runtimeminutes,
        genres
    from checked
)

select * from landed
