with source as (
    select * from {{ source('bike', 'customer') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['customer_id', bike_id('CustomerID')],
        ],
        columns=[
            'CustomerID', 'PersonID', 'StoreID', 'TerritoryID', 'AccountNumber', 'rowguid',
            'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        customer_id,
        {{ bike_id('PersonID') }} as person_id,
        {{ bike_id('StoreID') }} as store_id,
        {{ bike_id('TerritoryID') }} as territory_id,
        {{ bike_null('AccountNumber') }} as account_number,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
    from deduplicated
),

final as (
    select
        customer_id,
        person_id,
        store_id,
        territory_id,
        account_number,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ rejected_columns([
            ['PersonID', "raw_row['PersonID']", 'person_id'],
            ['StoreID', "raw_row['StoreID']", 'store_id'],
            ['TerritoryID', "raw_row['TerritoryID']", 'territory_id'],
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from typed
)

select * from final
