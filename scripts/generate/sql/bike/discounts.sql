-- Discount per special offer; the rows are inserted from Python.
create or replace table discounts (
    special_offer_id integer,
    discount decimal(19, 4)
)
