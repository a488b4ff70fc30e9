{#- name.basics.tsv.gz landed once: every row and column as the file has them. -#}
with source as (
    select * from {{ source('imdb', 'name_basics') }}
),

landed as (
    select
        nconst,
        primaryname,
        birthyear,
        deathyear,
        primaryprofession,
        knownfortitles
    from source
)

select * from landed
