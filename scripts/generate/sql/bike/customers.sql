-- The generated customers: stores without a contact (ids from 1), individuals (ids from
-- 11000) and store contacts after them, each with a territory.
create or replace table customers as
with stores as (
    select
        row_number() over (order by r.i) as sn,
        292 + 2 * r.i as store_id
    from range({{ store_only_customers }}) as r (i)
),

individuals as (
    select
        11000 + row_number() over (order by business_entity_id) - 1 as customer_id,
        business_entity_id as person_id,
        null::integer as store_id
    from person_base
    where person_type = 'IN'
),

store_only as (
    select
        sn::integer as customer_id,
        null::integer as person_id,
        store_id
    from stores
),

contacts as (
    select
        (select max(individuals.customer_id) from individuals)
        + row_number() over (order by person_base.business_entity_id) as customer_id,
        person_base.business_entity_id as person_id,
        (
            select stores.store_id from stores
            where
                stores.sn
                = 1 + hk(person_base.business_entity_id, 'store', {{ store_only_customers }})
        ) as store_id
    from person_base
    where person_base.person_type = 'SC'
    qualify row_number() over (order by person_base.business_entity_id) <= {{ sc_customers }}
),

all_customers as (
    select * from store_only
    union all
    select * from individuals
    union all
    select * from contacts
)

select
    customer_id::integer as customer_id,
    person_id,
    store_id,
    (1 + hk(customer_id, 'territory', 10))::integer as territory_id
from all_customers
