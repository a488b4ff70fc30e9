with languages_seed as (
    select * from {{ ref('imdb_languages') }}
),

akas as (
    select * from {{ ref('stg_imdb__title_akas') }}
),

observed_codes as (
    select language_code
    from akas
    where language_code is not null
    group by language_code
),

known_codes as (
    -- Every seed code, plus any code IMDB uses that the seed does not know
    -- (name NULL, is_in_seed false), so fct_title_akas always finds its row.
    select
        coalesce(languages_seed.language_code, observed_codes.language_code)
            as language_code,
        languages_seed.language_name,
        languages_seed.code_system,
        languages_seed.language_code is not null as is_in_seed,
        false as is_unknown_member
    from languages_seed
    full outer join observed_codes
        on languages_seed.language_code = observed_codes.language_code
),

unknown_member as (
    select
        '-1' as language_code,
        'Unknown or not applicable' as language_name,
        cast(null as {{ dbt.type_string() }}) as code_system,
        false as is_in_seed,
        true as is_unknown_member
),

final as (
    select * from unknown_member
    union all
    select * from known_codes
)

select * from final
