with source as (
    select * from {{ source('bike', 'special_offer_product') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['special_offer_id', bike_id('SpecialOfferID')],
            ['product_id', bike_id('ProductID')],
        ],
    ) }}
),

typed as (
    select
        special_offer_id,
        product_id,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
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
        {{ bike_rejected_columns({
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from typed
)

select * from final
