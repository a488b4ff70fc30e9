with principals as (
    select * from {{ ref('stg_imdb__title_principals') }}
),

final as (
    -- One row per character of a credit; the JSON array was parsed (escaped
    -- quotes decoded) in staging, so this only turns list elements into rows.
    select
        title_id,
        ordering,
        {{ imdb_list_position('characters') }} as character_position,
        {{ imdb_unnest('characters') }} as character_name
    from principals
    where characters is not null
)

select * from final
