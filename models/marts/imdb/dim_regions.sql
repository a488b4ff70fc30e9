with regions_seed as (
    select * from {{ ref('imdb_regions') }}
),

akas as (
    select * from {{ ref('stg_imdb__title_akas') }}
),

observed_codes as (
    select region_code
    from akas
    where region_code is not null
    group by region_code
),

known_codes as (
    -- Every seed code, plus any code IMDB uses that the seed does not know
    -- (name NULL, is_in_seed false), so fct_title_akas always finds its row.
    select
        coalesce(regions_seed.region_code, observed_codes.region_code)
            as region_code,
        regions_seed.region_name,
        regions_seed.code_system,
        regions_seed.region_code is not null as is_in_seed,
        false as is_unknown_member
    from regions_seed
    full outer join observed_codes
        on regions_seed.region_code = observed_codes.region_code
),

unknown_member as (
    select
        '-1' as region_code,
        'Unknown or not applicable' as region_name,
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
