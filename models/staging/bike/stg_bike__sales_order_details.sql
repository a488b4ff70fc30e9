with source as (
    select * from {{ source('bike', 'sales_order_detail') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['sales_order_id', bike_id('SalesOrderID')],
            ['sales_order_detail_id', bike_id('SalesOrderDetailID')],
        ],
    ) }}
),

typed as (
    select
        sales_order_id,
        sales_order_detail_id,
        {{ bike_id("raw_row['ProductID']") }} as product_id,
        {{ bike_id("raw_row['SpecialOfferID']") }} as special_offer_id,
        {{ bike_null("raw_row['CarrierTrackingNumber']") }} as carrier_tracking_number,
        {{ bike_integer("raw_row['OrderQty']", min_value=1, max_value=32767) }}
            as order_quantity,
        {{ bike_decimal("raw_row['UnitPrice']", 19, 4, min_value=0) }} as unit_price,
        {{ bike_decimal("raw_row['UnitPriceDiscount']", 19, 4, min_value=0, max_value=1) }}
            as unit_price_discount,
        {{ bike_decimal("raw_row['LineTotal']", 38, 6, min_value=0) }} as line_total,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        sales_order_id,
        sales_order_detail_id,
        product_id,
        special_offer_id,
        carrier_tracking_number,
        order_quantity,
        unit_price,
        unit_price_discount,
        line_total,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ bike_rejected_columns({
            'ProductID': 'product_id',
            'SpecialOfferID': 'special_offer_id',
            'OrderQty': 'order_quantity',
            'UnitPrice': 'unit_price',
            'UnitPriceDiscount': 'unit_price_discount',
            'LineTotal': 'line_total',
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from typed
)

select * from final
