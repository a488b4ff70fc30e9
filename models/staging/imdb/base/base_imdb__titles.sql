{#- title.basics.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_basics') }}
),

landed as (
    select
        tconst,
        titletype,
        primarytitle,
        originaltitle,
        isadult,
        startyear,
        endyear,
        runtimeminutes,
        genres
    from source
)

select * from landed
