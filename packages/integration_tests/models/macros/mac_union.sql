with unioned as (
    {{ dbt_utils.union_relations(
        relations=[ref('mac_union_a'), ref('mac_union_b')]
    ) }}
),

final as (
    select
        -- '"database"."schema"."table"' -> 'table'
        split_part(replace(_dbt_source_relation, '"', ''), '.', -1) as source_table,
        id,
        name,
        amount
    from unioned
)

select * from final
