with items as (
    select * from {{ ref('mac_star_input') }}
),

final as (
    select
        {{ dbt_utils.star(
            from=ref('mac_star_input'),
            relation_alias='items',
            except=['IS_DELETED'],
            prefix='src_',
            suffix='_v'
        ) }}
    from items
)

select * from final
