{#- title.akas.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'title_akas') }}
),

landed as (
    select
        titleid,
        ordering,
        title,
        region,
        language,
        types,
        attributes,
        isoriginaltitle
    from source
)

select * from landed
