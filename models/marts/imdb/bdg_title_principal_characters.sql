{{ config(materialized='view') }}

with principal_characters as (
    select * from {{ ref('int_principal_characters_unnested') }}
),

final as (
    select
        title_id,
        ordering as credit_ordering,
        character_position,
        character_name
    from principal_characters
)

select * from final
