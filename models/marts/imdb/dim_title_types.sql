with title_types_seed as (
    select * from {{ ref('imdb_title_types') }}
),

titles as (
    select * from {{ ref('stg_imdb__titles') }}
),

observed_types as (
    select distinct title_type
    from titles
    where title_type is not null
),

known_types as (
    select
        coalesce(title_types_seed.title_type, observed_types.title_type)
            as title_type,
        coalesce(title_types_seed.title_type_name, observed_types.title_type)
            as title_type_name,
        coalesce(title_types_seed.is_episode, false) as is_episode,
        coalesce(title_types_seed.is_series, false) as is_series,
        title_types_seed.title_type is not null as is_in_seed,
        false as is_unknown_member
    from title_types_seed
    full outer join observed_types
        on title_types_seed.title_type = observed_types.title_type
),

unknown_member as (
    select
        '-1' as title_type,
        'Unknown title type' as title_type_name,
        false as is_episode,
        false as is_series,
        false as is_in_seed,
        true as is_unknown_member
),

final as (
    select * from unknown_member
    union all
    select * from known_types
)

select * from final
