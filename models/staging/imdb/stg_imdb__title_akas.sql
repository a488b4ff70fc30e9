with source as (
    select * from {{ source('imdb', 'title_akas') }}
),

keyed as (
    select
        {{ imdb_id('"titleId"', 'tt') }} as title_id,
        {{ imdb_integer('"ordering"', min_value=1) }} as ordering,
        {{ imdb_raw_row([
            'titleId', 'ordering', 'title', 'region', 'language', 'types',
            'attributes', 'isOriginalTitle',
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
        raw_row."titleId" as title_tconst,
        {{ imdb_null('raw_row.title') }} as aka_title,
        {{ imdb_null('raw_row.region') }} as region_code,
        {{ imdb_null('raw_row.language') }} as language_code,
        {{ imdb_text_list('raw_row.types', separator='chr(2)') }} as types,
        {{ imdb_text_list('raw_row.attributes', separator='chr(2)') }}
            as attributes,
        {{ imdb_boolean('raw_row."isOriginalTitle"') }} as is_original_title,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['isOriginalTitle', 'is_original_title'],
        ]) }} as rejected_columns
    from typed
)

select * from final
