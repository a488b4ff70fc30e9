with customers as (
    select * from {{ ref('stg_bike__customers') }}
),

persons as (
    select * from {{ ref('stg_bike__persons') }}
),

joined as (
    select
        customers.customer_id,
        customers.person_id,
        customers.store_id,
        customers.territory_id,
        customers.account_number,
        persons.person_type,
        persons.title,
        persons.first_name,
        persons.middle_name,
        persons.last_name,
        persons.suffix,
        case
            when persons.person_id is null then null
            when persons.is_eastern_name_style
                then concat_ws(' ', persons.last_name, persons.first_name, persons.middle_name)
            else concat_ws(
                ' ', persons.first_name, persons.middle_name, persons.last_name, persons.suffix
            )
        end as full_name,
        case
            when customers.person_id is not null and customers.store_id is not null
                then 'store contact'
            when customers.store_id is not null then 'store'
            when customers.person_id is not null then 'individual'
            else 'unknown'
        end as customer_type
    from customers
    left join persons
        on customers.person_id = persons.person_id
)

select * from joined
