{{ dbt_utils.union_relations(
    relations=[ref('mac_union_a'), ref('mac_union_b')],
    exclude=['AMOUNT'],
    column_override={'id': 'bigint'},
    source_column_name=none
) }}
