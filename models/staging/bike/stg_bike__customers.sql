with source as (
    select * from {{ source('bike', 'customer') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['customer_id', bike_id('CustomerID')],
        ],
    ) }}
),

typed as (
    select
        customer_id,
        {{ bike_id("raw_row['PersonID']") }} as person_id,
        {{ bike_id("raw_row['StoreID']") }} as store_id,
        {{ bike_id("raw_row['TerritoryID']") }} as territory_id,
        {{ bike_null("raw_row['AccountNumber']") }} as account_number,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
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
        {{ bike_rejected_columns({
            'PersonID': 'person_id',
            'StoreID': 'store_id',
            'TerritoryID': 'territory_id',
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from typed
)

select * from final
