with source as (
    select * from {{ source('bike', 'sales_order_detail') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['sales_order_id', bike_id('SalesOrderID')],
            ['sales_order_detail_id', bike_id('SalesOrderDetailID')],
        ],
        columns=[
            'SalesOrderID', 'SalesOrderDetailID', 'CarrierTrackingNumber', 'OrderQty', 'ProductID',
            'SpecialOfferID', 'UnitPrice', 'UnitPriceDiscount', 'LineTotal', 'rowguid',
            'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        sales_order_id,
        sales_order_detail_id,
        {{ bike_id('ProductID') }} as product_id,
        {{ bike_id('SpecialOfferID') }} as special_offer_id,
        {{ bike_null('CarrierTrackingNumber') }} as carrier_tracking_number,
        {{ bike_integer('OrderQty', min_value=1, max_value=32767) }}
            as order_quantity,
        {{ bike_decimal('UnitPrice', 19, 4, min_value=0) }} as unit_price,
        {{ bike_decimal('UnitPriceDiscount', 19, 4, min_value=0, max_value=1) }}
            as unit_price_discount,
        {{ bike_decimal('LineTotal', 38, 6, min_value=0) }} as line_total,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
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
        {{ rejected_columns([
            ['ProductID', "raw_row['ProductID']", 'product_id'],
            ['SpecialOfferID', "raw_row['SpecialOfferID']", 'special_offer_id'],
            ['OrderQty', "raw_row['OrderQty']", 'order_quantity'],
            ['UnitPrice', "raw_row['UnitPrice']", 'unit_price'],
            ['UnitPriceDiscount', "raw_row['UnitPriceDiscount']", 'unit_price_discount'],
            ['LineTotal', "raw_row['LineTotal']", 'line_total'],
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from typed
)

select * from final
