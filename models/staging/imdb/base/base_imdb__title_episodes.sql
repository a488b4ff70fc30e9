{#- title.episode.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_episode') }}
),

landed as (
    select
        tconst,
        parenttconst,
        seasonnumber,
        episodenumber
    from source
)

select * from landed
