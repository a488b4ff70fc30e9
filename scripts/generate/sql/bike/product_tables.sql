-- The generated products and special-offer products; the rows are inserted from Python.
create or replace table products (
    product_id integer,
    name varchar,
    product_number varchar,
    make_flag integer,
    finished integer,
    color varchar,
    safety_stock integer,
    reorder_point integer,
    standard_cost decimal(19, 4),
    list_price decimal(19, 4),
    size varchar,
    size_unit varchar,
    weight_unit varchar,
    weight decimal(8, 2),
    days_to_manufacture integer,
    product_line varchar,
    class varchar,
    style varchar,
    subcategory_id integer,
    model_id integer,
    sell_start varchar,
    sell_end varchar
);

create or replace table sop (
    special_offer_id integer,
    product_id integer
)
