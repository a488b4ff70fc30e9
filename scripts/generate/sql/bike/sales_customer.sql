-- Sales.Customer: the generated customers.
select
    concat_ws(
        ';',
        customer_id,
        nv(person_id),
        nv(store_id),
        territory_id,
        'AW' || printf('%08d', customer_id),
        guid('customer', customer_id),
        '2014-09-12 11:15:07.263'
    ) as csv_line
from customers
order by customer_id
