-- Products, special-offer products and customers read from the real CSVs, and the persons
-- the customers name plus enough others of every type to reach the real type counts.
create or replace table products as
select
    "ProductID"::integer as product_id,
    replace("ListPrice", ',', '.')::decimal(19, 4) as list_price
from {{ product_source }};

create or replace table sop as
select
    "SpecialOfferID"::integer as special_offer_id,
    "ProductID"::integer as product_id
from {{ special_offer_product_source }};

create or replace table customers as
select
    "CustomerID"::integer as customer_id,
    nullif("PersonID", 'NULL')::integer as person_id,
    nullif("StoreID", 'NULL')::integer as store_id,
    nullif("TerritoryID", 'NULL')::integer as territory_id
from {{ customer_source }};

create or replace table person_base as
select distinct
    person_id as business_entity_id,
    case when store_id is null then 'IN' else 'SC' end as person_type
from customers
where person_id is not null;

insert into person_base
select
    id,
    ({{ extra_person_types }})[row_number() over (order by id)] as person_type
from (
    select r.i::integer as id
    from range(1, 200000) as r (i)
    where r.i::integer not in (select person_base.business_entity_id from person_base)
    order by r.i
    limit {{ extra_person_types | length }}
)
