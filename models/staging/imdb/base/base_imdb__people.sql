{#- name.basics.tsv.gz landed once, every row: its person id cast, with the file's text kept
    wherever it is not canonical (imdb_landing.sql); the other columns as text. -#}
with source as (
    select * from {{ source('imdb', 'name_basics') }}
),

checked as (
    select
        nconst,
        primaryname,
        birthyear,
        deathyear,
        primaryprofession,
        knownfortitles,
        {{ imdb_is_canonical_id('nconst', 'nm') }} as is_canonical_nconst
    from source
),

landed as (
    select
        {{ imdb_landed_id('nconst', 'nm', 'is_canonical_nconst') }} as person_id,
        {{ imdb_landed_raw('nconst', 'is_canonical_nconst') }} as nconst_raw,
        primaryname,
        birthyear,
        deathyear,
        primaryprofession,
        knownfortitles
    from checked
)

select * from landed
