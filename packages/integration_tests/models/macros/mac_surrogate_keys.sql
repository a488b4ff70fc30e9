with keys_input as (
    select * from {{ ref('mac_keys_input') }}
),

final as (
    select
        key_id,
        {{ dbt_utils.generate_surrogate_key(['key_id', 'part_a', 'part_b']) }}
            as surrogate_key
    from keys_input
)

select * from final
