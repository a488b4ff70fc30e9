with source as (
    select * from {{ source('imdb', 'title_episode') }}
),

keyed as (
    select
        {{ imdb_id('"tconst"', 'tt') }} as episode_title_id,
        {{ imdb_raw_row([
            'tconst', 'parentTconst', 'seasonNumber', 'episodeNumber',
        ]) }} as raw_row
    from source
),

deduplicated as (
    select
        episode_title_id,
        min(raw_row) as raw_row,
        cast(count(*) as integer) as source_row_count,
        min(raw_row) <> max(raw_row) as has_key_conflict
    from keyed
    where episode_title_id is not null
    group by episode_title_id
),

typed as (
    select
        episode_title_id,
        {{ imdb_id('raw_row."parentTconst"', 'tt') }} as parent_title_id,
        raw_row.tconst as episode_tconst,
        {{ imdb_null('raw_row."parentTconst"') }} as parent_tconst,
        {{ imdb_integer('raw_row."seasonNumber"', min_value=0) }} as season_number,
        {{ imdb_integer('raw_row."episodeNumber"', min_value=0) }}
            as episode_number,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['parentTconst', 'parent_title_id'],
            ['seasonNumber', 'season_number'],
            ['episodeNumber', 'episode_number'],
        ]) }} as rejected_columns
    from typed
)

select * from final
