{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). The landed table
    already holds the ids cast; an ordering below 1 is not a key. -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__title_principals'),
        keys=[
            ['title_id', 'title_id'],
            ['ordering', 'case when ordering >= 1 then ordering end'],
        ],
        columns=[
            'tconst_raw', 'ordering_raw', 'person_id', 'nconst_raw', 'category', 'job',
            'characters',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        title_id,
        ordering,
        person_id,
        {{ imdb_null('category') }} as category,
        {{ imdb_null('job') }} as job,
        {{ imdb_json_string_list('characters') }} as characters,
        source_row_count,
        has_key_conflict,
        nconst_raw as raw_nconst,
        characters as raw_characters
    from deduplicated
),

final as (
    select
        {{ star_except(['raw_nconst', 'raw_characters']) }},
        {{ rejected_columns([
            ['characters', 'raw_characters', 'characters'],
            ['nconst', 'raw_nconst', 'person_id'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
