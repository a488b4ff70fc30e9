with source as (
    select * from {{ source('imdb', 'title_basics') }}
),

keyed as (
    select
        {{ imdb_id('"tconst"', 'tt') }} as title_id,
        {{ imdb_raw_row([
            'tconst', 'titleType', 'primaryTitle', 'originalTitle', 'isAdult',
            'startYear', 'endYear', 'runtimeMinutes', 'genres',
        ]) }} as raw_row
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
        {{ imdb_null('raw_row."titleType"') }} as title_type,
        {{ imdb_null('raw_row."primaryTitle"') }} as primary_title,
        {{ imdb_null('raw_row."originalTitle"') }} as original_title,
        {{ imdb_text_list('raw_row.genres') }} as genres,
        {{ imdb_year('raw_row."startYear"') }} as start_year,
        {{ imdb_year('raw_row."endYear"') }} as end_year,
        {{ imdb_integer('raw_row."runtimeMinutes"', min_value=1) }}
            as runtime_minutes,
        {{ imdb_boolean('raw_row."isAdult"') }} as is_adult,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['isAdult', 'is_adult'],
            ['startYear', 'start_year'],
            ['endYear', 'end_year'],
            ['runtimeMinutes', 'runtime_minutes'],
        ]) }} as rejected_columns
    from typed
)

select * from final
