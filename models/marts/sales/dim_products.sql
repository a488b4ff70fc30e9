with products as (
    select * from {{ ref('stg_bike__products') }}
),

known_products as (
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
        cast(sell_started_at as date) as sell_start_date,
        cast(sell_ended_at as date) as sell_end_date,
        cast(discontinued_at as date) as discontinued_date
    from products
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
        cast(null as {{ dbt.type_string() }}) as product_class,
        cast(null as {{ dbt.type_string() }}) as product_style,
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
