{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__people'),
        keys=[
            ['person_id', imdb_id('"nconst"', 'nm')],
        ],
        columns=[
            'nconst', 'primaryName', 'birthYear', 'deathYear',
            'primaryProfession', 'knownForTitles',
        ],
    ) }}
),

typed as (
    select
        person_id,
        raw_row['nconst'] as person_nconst,
        {{ imdb_null("raw_row['primaryName']") }} as primary_name,
        {{ imdb_text_list("raw_row['primaryProfession']") }} as primary_professions,
        {{ imdb_id_list("raw_row['knownForTitles']", 'tt') }}
            as known_for_title_ids,
        {#- People lived before the first films: birth and death years only
            need to be positive and not in the future. -#}
        {{ imdb_year("raw_row['birthYear']", min_year=1, max_years_ahead=0) }}
            as birth_year,
        {{ imdb_year("raw_row['deathYear']", min_year=1, max_years_ahead=0) }}
            as death_year,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['birthYear', 'birth_year'],
            ['deathYear', 'death_year'],
            ['knownForTitles', 'known_for_title_ids'],
        ]) }} as rejected_columns
    from typed
)

select * from final
