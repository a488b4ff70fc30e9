{#- title.ratings.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_ratings') }}
),

landed as (
    select
        tconst,
        averagerating,
        numvotes
    from source
)

select * from landed
