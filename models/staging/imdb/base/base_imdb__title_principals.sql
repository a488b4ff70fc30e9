{#- title.principals.tsv.gz landed once, every row: its ids and ordering cast,
    with the text of the file kept wherever it is not canonical (imdb_landing.sql). -#}
with source as (
    select * from {{ source('imdb', 'title_principals') }}
),

checked as (
    select
        tconst,
        ordering,
        nconst,
        category,
        job,
        characters,
        {{ imdb_is_canonical_id('tconst', 'tt') }} as is_canonical_tconst,
        {{ imdb_is_canonical_integer('ordering') }} as is_canonical_ordering,
        {{ imdb_is_canonical_id('nconst', 'nm') }} as is_canonical_nconst
    from source
),

landed as (
    select
        {{ imdb_landed_id('tconst', 'tt', 'is_canonical_tconst') }} as title_id,
        {{ imdb_landed_raw('tconst', 'is_canonical_tconst') }} as tconst_raw,
        {{ imdb_landed_integer('ordering', 'is_canonical_ordering') }} as ordering,
        {{ imdb_landed_raw('ordering', 'is_canonical_ordering') }} as ordering_raw,
        {{ imdb_landed_id('nconst', 'nm', 'is_canonical_nconst') }} as person_id,
        {{ imdb_landed_raw('nconst', 'is_canonical_nconst') }} as nconst_raw,
        category,
        job,
        characters
    from checked
)

select * from landed
