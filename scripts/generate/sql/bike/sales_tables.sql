-- The (special offer, product) pairs an order line can take, most expensive first, and the
-- numbered individual customers, store customers and sales people an order can draw.
create or replace table pairs as
select
    row_number() over (
        order by p.list_price desc, s.special_offer_id asc, s.product_id asc
    ) - 1 as pair_no,
    s.special_offer_id,
    s.product_id,
    p.list_price,
    coalesce(d.discount, 0)::decimal(19, 4) as discount
from sop as s
inner join products as p on s.product_id = p.product_id
left join discounts as d on s.special_offer_id = d.special_offer_id
where p.list_price > 0;

create or replace table individual_customers as
select
    row_number() over (order by customer_id) as rn,
    customer_id,
    territory_id
from customers
where person_id is not null and store_id is null;

create or replace table store_customers as
select
    row_number() over (order by customer_id) as rn,
    customer_id,
    territory_id
from customers
where store_id is not null;

create or replace table sales_people as
select
    row_number() over (order by business_entity_id) as rn,
    business_entity_id
from person_base
where person_type = 'SP'
