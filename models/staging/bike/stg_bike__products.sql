with source as (
    select * from {{ source('bike', 'product') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['product_id', bike_id('ProductID')],
        ],
    ) }}
),

typed as (
    select
        product_id,
        {{ bike_id("raw_row['ProductSubcategoryID']") }} as product_subcategory_id,
        {{ bike_id("raw_row['ProductModelID']") }} as product_model_id,
        {{ bike_null("raw_row['Name']") }} as product_name,
        {{ bike_null("raw_row['ProductNumber']") }} as product_number,
        {{ bike_null("raw_row['Color']") }} as color,
        {{ bike_code("raw_row['Size']") }} as size,
        {{ bike_code("raw_row['SizeUnitMeasureCode']") }} as size_unit_measure_code,
        {{ bike_code("raw_row['WeightUnitMeasureCode']") }} as weight_unit_measure_code,
        {{ bike_code("raw_row['ProductLine']", ['R', 'M', 'T', 'S']) }} as product_line,
        {{ bike_code("raw_row['Class']", ['H', 'M', 'L']) }} as product_class,
        {{ bike_code("raw_row['Style']", ['W', 'M', 'U']) }} as product_style,
        {{ bike_integer("raw_row['SafetyStockLevel']", min_value=1) }}
            as safety_stock_level,
        {{ bike_integer("raw_row['ReorderPoint']", min_value=1) }} as reorder_point,
        {{ bike_decimal("raw_row['StandardCost']", 19, 4, min_value=0) }}
            as standard_cost,
        {{ bike_decimal("raw_row['ListPrice']", 19, 4, min_value=0) }} as list_price,
        {{ bike_decimal("raw_row['Weight']", 8, 2, min_value=0.01) }} as weight,
        {{ bike_integer("raw_row['DaysToManufacture']", min_value=0) }}
            as days_to_manufacture,
        {{ bike_flag("raw_row['MakeFlag']") }} as is_made_in_house,
        {{ bike_flag("raw_row['FinishedGoodsFlag']") }} as is_finished_good,
        {{ bike_timestamp("raw_row['SellStartDate']") }} as sell_started_at,
        {{ bike_timestamp("raw_row['SellEndDate']") }} as sell_ended_at,
        {{ bike_timestamp("raw_row['DiscontinuedDate']") }} as discontinued_at,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        product_id,
        product_subcategory_id,
        product_model_id,
        product_name,
        product_number,
        color,
        size,
        size_unit_measure_code,
        weight_unit_measure_code,
        product_line,
        product_class,
        product_style,
        safety_stock_level,
        reorder_point,
        standard_cost,
        list_price,
        weight,
        days_to_manufacture,
        is_made_in_house,
        is_finished_good,
        sell_started_at,
        sell_ended_at,
        discontinued_at,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ bike_rejected_columns({
            'ProductSubcategoryID': 'product_subcategory_id',
            'ProductModelID': 'product_model_id',
            'ProductLine': 'product_line',
            'Class': 'product_class',
            'Style': 'product_style',
            'SafetyStockLevel': 'safety_stock_level',
            'ReorderPoint': 'reorder_point',
            'StandardCost': 'standard_cost',
            'ListPrice': 'list_price',
            'Weight': 'weight',
            'DaysToManufacture': 'days_to_manufacture',
            'MakeFlag': 'is_made_in_house',
            'FinishedGoodsFlag': 'is_finished_good',
            'SellStartDate': 'sell_started_at',
            'SellEndDate': 'sell_ended_at',
            'DiscontinuedDate': 'discontinued_at',
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from typed
)

select * from final
