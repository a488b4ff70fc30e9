{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__people'),
        keys=[
            ['person_id', 'person_id'],
        ],
        columns=[
            'nconst_raw', 'primaryname', 'birthyear', 'deathyear',
            'primaryprofession', 'knownfortitles',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        person_id,
        {{ imdb_id_text('person_id', 'nconst_raw', 'nm') }} as person_nconst,
        {{ imdb_null("primaryname") }} as primary_name,
        {{ imdb_text_list("primaryprofession") }} as primary_professions,
        {{ imdb_id_list("knownfortitles", 'tt') }}
            as known_for_title_ids,
        {#- People lived before the first films: birth and death years only
            need to be positive and not in the future. -#}
        {{ imdb_year("birthyear", min_year=1, max_years_ahead=0) }}
            as birth_year,
        {{ imdb_year("deathyear", min_year=1, max_years_ahead=0) }}
            as death_year,
        source_row_count,
        has_key_conflict,
        birthyear as raw_birthyear,
        deathyear as raw_deathyear,
        knownfortitles as raw_knownfortitles
    from deduplicated
),

final as (
    select
        {{ star_except(['raw_birthyear', 'raw_deathyear', 'raw_knownfortitles']) }},
        {{ rejected_columns([
            ['birthYear', 'raw_birthyear', 'birth_year'],
            ['deathYear', 'raw_deathyear', 'death_year'],
            ['knownForTitles', 'raw_knownfortitles', 'known_for_title_ids'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
