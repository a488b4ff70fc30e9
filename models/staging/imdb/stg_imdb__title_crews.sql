{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__title_crews'),
        keys=[
            ['title_id', imdb_id('"tconst"', 'tt')],
        ],
        columns=[
            'tconst', 'directors', 'writers',
        ],
    ) }}
),

typed as (
    select
        title_id,
        raw_row['tconst'] as title_tconst,
        {{ imdb_id_list("raw_row['directors']", 'nm') }} as director_person_ids,
        {{ imdb_id_list("raw_row['writers']", 'nm') }} as writer_person_ids,
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
