{#- title.crew.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_crew') }}
),

landed as (
    select
        tconst,
        directors,
        writers
    from source
)

select * from landed
