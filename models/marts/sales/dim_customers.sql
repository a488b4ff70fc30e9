with customers as (
    select * from {{ ref('int_customers_joined') }}
),

unknown_member as (
    select
        -1 as customer_id,
        cast(null as integer) as person_id,
        cast(null as integer) as store_id,
        cast(null as integer) as territory_id,
        'unknown' as account_number,
        'unknown' as customer_type,
        cast(null as {{ dbt.type_string() }}) as person_type,
        cast(null as {{ dbt.type_string() }}) as first_name,
        cast(null as {{ dbt.type_string() }}) as last_name,
        'Unknown customer' as full_name,
        'Unknown customer' as customer_name,
        false as has_person
),

known_customers as (
    select
        customer_id,
        person_id,
        store_id,
        territory_id,
        account_number,
        customer_type,
        person_type,
        first_name,
        last_name,
        full_name,
        coalesce(
            full_name,
            {{ dbt.concat(["'Store '", "cast(store_id as " ~ dbt.type_string() ~ ")"]) }},
            account_number
        ) as customer_name,
        full_name is not null as has_person
    from customers
),

final as (
    select * from known_customers
    union all
    select * from unknown_member
)

select * from final
