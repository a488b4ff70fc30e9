with products as (
    select * from {{ ref('stg_bike__products') }}
),

product_codes as (
    select * from {{ ref('bike_product_codes') }}
),

known_products as (
    select
        products.product_id,
        products.product_subcategory_id,
        products.product_model_id,
        products.product_name,
        products.product_number,
        products.color,
        products.size,
        products.size_unit_measure_code,
        products.weight_unit_measure_code,
        products.product_line,
        product_lines.code_name as product_line_name,
        products.product_class,
        product_classes.code_name as product_class_name,
        products.product_style,
        product_styles.code_name as product_style_name,
        products.safety_stock_level,
        products.reorder_point,
        products.standard_cost,
        products.list_price,
        products.weight,
        products.days_to_manufacture,
        products.is_made_in_house,
        products.is_finished_good,
        cast(products.sell_started_at as date) as sell_start_date,
        cast(products.sell_ended_at as date) as sell_end_date,
        cast(products.discontinued_at as date) as discontinued_date
    from products
    -- one join per code column, each to its own code set
    left join product_codes as product_lines
        on
            product_lines.code_set = 'product_line'
            and products.product_line = product_lines.code
    left join product_codes as product_classes
        on
            product_classes.code_set = 'product_class'
            and products.product_class = product_classes.code
    left join product_codes as product_styles
        on
            product_styles.code_set = 'product_style'
            and products.product_style = product_styles.code
),

unknown_member as (
    select
        -1 as product_id,
        cast(null as integer) as product_subcategory_id,
        cast(null as integer) as product_model_id,
        'Unknown product' as product_name,
        'unknown' as product_number,
        cast(null as {{ dbt.type_string() }}) as color,
        cast(null as {{ dbt.type_string() }}) as size,
        cast(null as {{ dbt.type_string() }}) as size_unit_measure_code,
        cast(null as {{ dbt.type_string() }}) as weight_unit_measure_code,
        cast(null as {{ dbt.type_string() }}) as product_line,
        cast(null as {{ dbt.type_string() }}) as product_line_name,
        cast(null as {{ dbt.type_string() }}) as product_class,
        cast(null as {{ dbt.type_string() }}) as product_class_name,
        cast(null as {{ dbt.type_string() }}) as product_style,
        cast(null as {{ dbt.type_string() }}) as product_style_name,
        cast(null as integer) as safety_stock_level,
        cast(null as integer) as reorder_point,
        cast(null as decimal(19, 4)) as standard_cost,
        cast(null as decimal(19, 4)) as list_price,
        cast(null as decimal(8, 2)) as weight,
        cast(null as integer) as days_to_manufacture,
        cast(null as boolean) as is_made_in_house,
        cast(null as boolean) as is_finished_good,
        cast(null as date) as sell_start_date,
        cast(null as date) as sell_end_date,
        cast(null as date) as discontinued_date
),

final as (
    select * from known_products
    union all
    select * from unknown_member
)

select * from final
