{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__title_crews'),
        keys=[
            ['title_id', 'title_id'],
        ],
        columns=[
            'tconst_raw', 'directors', 'writers',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        title_id,
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as title_tconst,
        {{ imdb_id_list("directors", 'nm') }} as director_person_ids,
        {{ imdb_id_list("writers", 'nm') }} as writer_person_ids,
        source_row_count,
        has_key_conflict,
        directors as raw_directors,
        writers as raw_writers
    from deduplicated
),

final as (
    select
        {{ star_except(['raw_directors', 'raw_writers']) }},
        {{ rejected_columns([
            ['directors', 'raw_directors', 'director_person_ids'],
            ['writers', 'raw_writers', 'writer_person_ids'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
