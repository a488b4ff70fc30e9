with source as (
    select * from {{ source('imdb', 'title_crew') }}
),

keyed as (
    select
        {{ imdb_id('"tconst"', 'tt') }} as title_id,
        {{ imdb_raw_row(['tconst', 'directors', 'writers']) }} as raw_row
    from source
),

deduplicated as (
    select
        title_id,
        min(raw_row) as raw_row,
        cast(count(*) as integer) as source_row_count,
        min(raw_row) <> max(raw_row) as has_key_conflict
    from keyed
    where title_id is not null
    group by title_id
),

typed as (
    select
        title_id,
        raw_row.tconst as title_tconst,
        {{ imdb_id_list('raw_row.directors', 'nm') }} as director_person_ids,
        {{ imdb_id_list('raw_row.writers', 'nm') }} as writer_person_ids,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['directors', 'director_person_ids'],
            ['writers', 'writer_person_ids'],
        ]) }} as rejected_columns
    from typed
)

select * from final
