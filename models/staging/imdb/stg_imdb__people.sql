with source as (
    select * from {{ source('imdb', 'name_basics') }}
),

keyed as (
    select
        {{ imdb_id('"nconst"', 'nm') }} as person_id,
        {{ imdb_raw_row([
            'nconst', 'primaryName', 'birthYear', 'deathYear',
            'primaryProfession', 'knownForTitles',
        ]) }} as raw_row
    from source
),

deduplicated as (
    select
        person_id,
        min(raw_row) as raw_row,
        cast(count(*) as integer) as source_row_count,
        min(raw_row) <> max(raw_row) as has_key_conflict
    from keyed
    where person_id is not null
    group by person_id
),

typed as (
    select
        person_id,
        raw_row.nconst as person_nconst,
        {{ imdb_null('raw_row."primaryName"') }} as primary_name,
        {{ imdb_text_list('raw_row."primaryProfession"') }} as primary_professions,
        {{ imdb_id_list('raw_row."knownForTitles"', 'tt') }}
            as known_for_title_ids,
        {#- People lived before the first films: birth and death years only
            need to be positive and not in the future. -#}
        {{ imdb_year('raw_row."birthYear"', min_year=1, max_years_ahead=0) }}
            as birth_year,
        {{ imdb_year('raw_row."deathYear"', min_year=1, max_years_ahead=0) }}
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
