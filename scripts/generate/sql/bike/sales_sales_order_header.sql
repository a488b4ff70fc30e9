-- Sales.SalesOrderHeader: one line per order, SQL Server formats (semicolons, NULL,
-- comma decimals); order 7 has an impossible due date.
select
    concat_ws(
        ';',
        sales_order_id,
        case when is_online then '8' else '9' end,
        ts(order_date),
        ts(order_date + interval 12 day),
        case
            when k = 7 then '2011-06-31 00:00:00.000'
            else ts(order_date + interval 7 day)
        end,
        '5',
        case when is_online then '1' else '0' end,
        'SO' || sales_order_id,
        case
            when is_online then 'NULL'
            else 'PO' || (1000000000 + hk(k, 'po', 9000000000))
        end,
        '10-4020-' || printf('%06d', customer_id),
        customer_id,
        nv(sales_person_id),
        territory_id,
        14000 + hk(k, 'address', 15000),
        14000 + hk(k, case when rnd(k, 'shipto') < 0.9 then 'address' else 'ship' end, 15000),
        case when is_online then '1' else '5' end,
        case
            when is_online or rnd(k, 'ccnull') < 0.85 then (1 + hk(k, 'cc', 19000))::varchar
            else 'NULL'
        end,
        case
            when is_online or rnd(k, 'ccnull') < 0.85
                then (100000 + hk(k, 'cca', 900000)) || 'Vi' || (10000 + hk(k, 'ccb', 90000))
            else 'NULL'
        end,
        case
            when rnd(k, 'currency') < 0.1 then (1 + hk(k, 'rate', 13000))::varchar
            else 'NULL'
        end,
        money(sub_total),
        money(tax_amt),
        money(freight),
        money(sub_total + tax_amt + freight),
        'NULL',
        guid('soh', k),
        ts(order_date + interval 7 day)
    ) as csv_line
from order_totals
order by k
