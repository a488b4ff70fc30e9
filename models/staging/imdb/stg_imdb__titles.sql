{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__titles'),
        keys=[
            ['title_id', imdb_id('"tconst"', 'tt')],
        ],
        columns=[
            'tconst', 'titleType', 'primaryTitle', 'originalTitle', 'isAdult',
            'startYear', 'endYear', 'runtimeMinutes', 'genres',
        ],
    ) }}
),

typed as (
    select
        title_id,
        raw_row['tconst'] as title_tconst,
        {{ imdb_null("raw_row['titleType']") }} as title_type,
        {{ imdb_null("raw_row['primaryTitle']") }} as primary_title,
        {{ imdb_null("raw_row['originalTitle']") }} as original_title,
        {{ imdb_text_list("raw_row['genres']") }} as genres,
        {{ imdb_year("raw_row['startYear']") }} as start_year,
        {{ imdb_year("raw_row['endYear']") }} as end_year,
        {{ imdb_integer("raw_row['runtimeMinutes']", min_value=1) }}
            as runtime_minutes,
        {{ imdb_boolean("raw_row['isAdult']") }} as is_adult,
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
