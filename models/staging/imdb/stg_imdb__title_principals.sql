with source as (
    select * from {{ source('imdb', 'title_principals') }}
),

keyed as (
    select
        {{ imdb_id('"tconst"', 'tt') }} as title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as ordering,
        {{ imdb_raw_row([
            'tconst', 'ordering', 'nconst', 'category', 'job', 'characters',
        ]) }} as raw_row
    from source
),

deduplicated as (
    select
        title_id,
        ordering,
        min(raw_row) as raw_row,
        cast(count(*) as integer) as source_row_count,
        min(raw_row) <> max(raw_row) as has_key_conflict
    from keyed
    where title_id is not null and ordering is not null
    group by title_id, ordering
),

typed as (
    select
        title_id,
        ordering,
        {{ imdb_id('raw_row.nconst', 'nm') }} as person_id,
        raw_row.tconst as title_tconst,
        {{ imdb_null('raw_row.nconst') }} as person_nconst,
        {{ imdb_null('raw_row.category') }} as category,
        {{ imdb_null('raw_row.job') }} as job,
        {{ imdb_json_string_list('raw_row.characters') }} as characters,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['nconst', 'person_id'],
            ['characters', 'characters'],
        ]) }} as rejected_columns
    from typed
)

select * from final
