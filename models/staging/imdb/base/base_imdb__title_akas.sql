{#- title.akas.tsv.gz landed once, every row: the title id and ordering cast, with
    the text of the file kept wherever it is not canonical (imdb_landing.sql). -#}
with source as (
    select * from {{ source('imdb', 'title_akas') }}
),

checked as (
    select
        titleid,
        ordering,
        title,
        region,
        language,
        types,
        attributes,
        isoriginaltitle,
        {{ imdb_is_canonical_id('titleid', 'tt') }} as is_canonical_titleid,
        {{ imdb_is_canonical_integer('ordering') }} as is_canonical_ordering
    from source
),

landed as (
    select
        {{ imdb_landed_id('titleid', 'tt', 'is_canonical_titleid') }} as title_id,
        {{ imdb_landed_raw('titleid', 'is_canonical_titleid') }} as titleid_raw,
        {{ imdb_landed_integer('ordering', 'is_canonical_ordering') }} as ordering,
        {{ imdb_landed_raw('ordering', 'is_canonical_ordering') }} as ordering_raw,
        title,
        region,
        language,
        types,
        attributes,
        isoriginaltitle
    from checked
)

select * from landed
