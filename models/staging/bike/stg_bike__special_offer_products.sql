with source as (
    select * from {{ source('bike', 'special_offer_product') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['special_offer_id', bike_id('SpecialOfferID')],
            ['product_id', bike_id('ProductID')],
        ],
        columns=[
            'SpecialOfferID', 'ProductID', 'rowguid', 'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        special_offer_id,
        product_id,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
    from deduplicated
),

final as (
    select
        special_offer_id,
        product_id,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ rejected_columns([
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from typed
)

select * from final
