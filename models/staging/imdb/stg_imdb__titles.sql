{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__titles'),
        keys=[
            ['title_id', 'title_id'],
        ],
        columns=[
            'tconst_raw', 'titletype', 'primarytitle', 'originaltitle', 'isadult',
            'startyear', 'endyear', 'runtimeminutes', 'genres',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        title_id,
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as title_tconst,
        {{ imdb_null("titletype") }} as title_type,
        {{ imdb_null("primarytitle") }} as primary_title,
        {{ imdb_null("originaltitle") }} as original_title,
        {{ imdb_text_list("genres") }} as genres,
        {{ imdb_year("startyear") }} as start_year,
        {{ imdb_year("endyear") }} as end_year,
        {{ imdb_integer("runtimeminutes", min_value=1) }}
            as runtime_minutes,
        {{ imdb_boolean("isadult") }} as is_adult,
        source_row_count,
        has_key_conflict,
        isadult as raw_isadult,
        startyear as raw_startyear,
        endyear as raw_endyear,
        runtimeminutes as raw_runtimeminutes
    from deduplicated
),

final as (
    select
        {{ star_except([
            'raw_isadult', 'raw_startyear', 'raw_endyear', 'raw_runtimeminutes',
        ]) }},
        {{ rejected_columns([
            ['endYear', 'raw_endyear', 'end_year'],
            ['isAdult', 'raw_isadult', 'is_adult'],
            ['runtimeMinutes', 'raw_runtimeminutes', 'runtime_minutes'],
            ['startYear', 'raw_startyear', 'start_year'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
