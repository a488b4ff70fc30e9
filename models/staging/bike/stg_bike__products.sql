with source as (
    select * from {{ source('bike', 'product') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['product_id', bike_id('ProductID')],
        ],
        columns=[
            'ProductID', 'Name', 'ProductNumber', 'MakeFlag', 'FinishedGoodsFlag', 'Color',
            'SafetyStockLevel', 'ReorderPoint', 'StandardCost', 'ListPrice', 'Size',
            'SizeUnitMeasureCode', 'WeightUnitMeasureCode', 'Weight', 'DaysToManufacture',
            'ProductLine', 'Class', 'Style', 'ProductSubcategoryID', 'ProductModelID',
            'SellStartDate', 'SellEndDate', 'DiscontinuedDate', 'rowguid', 'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        product_id,
        {{ bike_id('ProductSubcategoryID') }} as product_subcategory_id,
        {{ bike_id('ProductModelID') }} as product_model_id,
        {{ bike_null('Name') }} as product_name,
        {{ bike_null('ProductNumber') }} as product_number,
        {{ bike_null('Color') }} as color,
        {{ bike_code('Size') }} as size,
        {{ bike_code('SizeUnitMeasureCode') }} as size_unit_measure_code,
        {{ bike_code('WeightUnitMeasureCode') }} as weight_unit_measure_code,
        {{ bike_code('ProductLine', ['R', 'M', 'T', 'S']) }} as product_line,
        {{ bike_code('Class', ['H', 'M', 'L']) }} as product_class,
        {{ bike_code('Style', ['W', 'M', 'U']) }} as product_style,
        {{ bike_integer('SafetyStockLevel', min_value=1) }}
            as safety_stock_level,
        {{ bike_integer('ReorderPoint', min_value=1) }} as reorder_point,
        {{ bike_decimal('StandardCost', 19, 4, min_value=0) }}
            as standard_cost,
        {{ bike_decimal('ListPrice', 19, 4, min_value=0) }} as list_price,
        {{ bike_decimal('Weight', 8, 2, min_value=0.01) }} as weight,
        {{ bike_integer('DaysToManufacture', min_value=0) }}
            as days_to_manufacture,
        {{ bike_flag('MakeFlag') }} as is_made_in_house,
        {{ bike_flag('FinishedGoodsFlag') }} as is_finished_good,
        {{ bike_timestamp('SellStartDate') }} as sell_started_at,
        {{ bike_timestamp('SellEndDate') }} as sell_ended_at,
        {{ bike_timestamp('DiscontinuedDate') }} as discontinued_at,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
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
        {{ rejected_columns([
            ['ProductSubcategoryID', "raw_row['ProductSubcategoryID']", 'product_subcategory_id'],
            ['ProductModelID', "raw_row['ProductModelID']", 'product_model_id'],
            ['ProductLine', "raw_row['ProductLine']", 'product_line'],
            ['Class', "raw_row['Class']", 'product_class'],
            ['Style', "raw_row['Style']", 'product_style'],
            ['SafetyStockLevel', "raw_row['SafetyStockLevel']", 'safety_stock_level'],
            ['ReorderPoint', "raw_row['ReorderPoint']", 'reorder_point'],
            ['StandardCost', "raw_row['StandardCost']", 'standard_cost'],
            ['ListPrice', "raw_row['ListPrice']", 'list_price'],
            ['Weight', "raw_row['Weight']", 'weight'],
            ['DaysToManufacture', "raw_row['DaysToManufacture']", 'days_to_manufacture'],
            ['MakeFlag', "raw_row['MakeFlag']", 'is_made_in_house'],
            ['FinishedGoodsFlag', "raw_row['FinishedGoodsFlag']", 'is_finished_good'],
            ['SellStartDate', "raw_row['SellStartDate']", 'sell_started_at'],
            ['SellEndDate', "raw_row['SellEndDate']", 'sell_ended_at'],
            ['DiscontinuedDate', "raw_row['DiscontinuedDate']", 'discontinued_at'],
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from typed
)

select * from final
