with principals as (
    select * from {{ ref('stg_imdb__title_principals') }}
),

final as (
    -- One row per character of a credit; the JSON array was parsed (escaped
    -- quotes decoded) in staging, so this only turns list elements into rows.
    select
        title_id,
        ordering,
        {{ unnest_with_position('characters', 'character_name', 'character_position') }}
    from principals
    where characters is not null
)

select * from final
