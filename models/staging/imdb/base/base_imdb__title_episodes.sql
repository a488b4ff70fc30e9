{#- title.episode.tsv.gz landed once, every row: its title ids cast, with the file's text kept
    wherever it is not canonical (imdb_landing.sql); the other columns as text. -#}
with source as (
    select * from {{ source('imdb', 'title_episode') }}
),

checked as (
    select
        tconst,
        parenttconst,
        seasonnumber,
        episodenumber,
        {{ imdb_is_canonical_id('tconst', 'tt') }} as is_canonical_tconst,
        {{ imdb_is_canonical_id('parenttconst', 'tt') }} as is_canonical_parenttconst
    from source
),

landed as (
    select
        {{ imdb_landed_id('tconst', 'tt', 'is_canonical_tconst') }} as episode_title_id,
        {{ imdb_landed_raw('tconst', 'is_canonical_tconst') }} as tconst_raw,
        {{ imdb_landed_id('parenttconst', 'tt', 'is_canonical_parenttconst') }} as parent_title_id,
        {{ imdb_landed_raw('parenttconst', 'is_canonical_parenttconst') }} as parenttconst_raw,
        seasonnumber,
        episodenumber
    from checked
)

select * from landed
