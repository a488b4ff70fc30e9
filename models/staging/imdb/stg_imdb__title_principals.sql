{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__title_principals'),
        keys=[
            ['title_id', imdb_id('"tconst"', 'tt')],
            ['ordering', imdb_integer('"ordering"', min_value=1)],
        ],
        columns=['tconst', 'ordering', 'nconst', 'category', 'job', 'characters'],
    ) }}
),

typed as (
    select
        title_id,
        ordering,
        {{ imdb_id("raw_row['nconst']", 'nm') }} as person_id,
        {{ imdb_null("raw_row['category']") }} as category,
        {{ imdb_null("raw_row['job']") }} as job,
        {{ imdb_json_string_list("raw_row['characters']") }} as characters,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        title_id,
        ordering,
        person_id,
        category,
        job,
        characters,
        source_row_count,
        has_key_conflict,
        {{ imdb_rejected_columns([
            ['nconst', 'person_id'],
            ['characters', 'characters'],
        ]) }} as rejected_columns
    from typed
)

select * from final
