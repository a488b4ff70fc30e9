{#- title.principals.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_principals') }}
),

landed as (
    select
        tconst,
        ordering,
        nconst,
        category,
        job,
        characters
    from source
)

select * from landed
