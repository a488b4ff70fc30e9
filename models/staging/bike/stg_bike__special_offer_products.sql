with source as (
    select * from {{ source('bike', 'special_offer_product') }}
),

keyed as (
    select
        {{ bike_id('"SpecialOfferID"') }} as special_offer_id,
        {{ bike_id('"ProductID"') }} as product_id,
        source as raw_row
    from source
),

deduplicated as (
    select
        special_offer_id,
        product_id,
        cast(count(*) as integer) as source_row_count,
        min(raw_row) <> max(raw_row) as has_key_conflict,
        min(raw_row) as raw_row
    from keyed
    where special_offer_id is not null and product_id is not null
    group by special_offer_id, product_id
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
