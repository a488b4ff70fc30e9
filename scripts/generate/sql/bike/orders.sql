-- Sales orders: online (individual customers, one line) or through a store (a sales
-- person, many lines); day-2 orders follow the day-1 ones. The order lines are spread over
-- the orders by weight so that their total matches the real count. Five orders around
-- 2011-09-30 have fixed times and are store orders.
create or replace table orders as
with base as (
    select
        r.k,
        r.k >= {{ orders }} as is_new,
        r.k between {{ first_september_order }} and {{ first_september_order + 2 }}
            as is_forced,
        case
            when r.k between {{ first_september_order }} and {{ first_september_order + 2 }}
                then false
            when r.k >= {{ orders }} then true
            else rnd(r.k, 'online') < 0.88
        end as is_online,
        case
            when r.k = {{ first_september_order }} then timestamp '2011-09-30 00:00:00'
            when r.k = {{ first_september_order + 1 }} then timestamp '2011-09-30 15:45:00'
            when r.k = {{ first_september_order + 2 }} then timestamp '2011-09-30 21:10:00'
            when r.k = {{ first_september_order + 3 }} then timestamp '2011-10-01 00:00:00'
            when r.k = {{ first_september_order + 4 }} then timestamp '2011-10-03 00:00:00'
            when r.k >= {{ orders }} then timestamp '2014-07-01 00:00:00'
            else d.natural_date::timestamp
        end as order_date
    from range({{ order_rows }}) as r (k)
    left join order_dates as d on r.k = d.k
),

weighted as (
    select
        *,
        case
            when is_new then 0
            when is_online
                then
                    case
                        when rnd(k, 'w') < 0.55 then 0
                        when rnd(k, 'w') < 0.8 then 1
                        when rnd(k, 'w') < 0.92 then 2
                        else 4
                    end
            else 8 + hk(k, 'storew', 40)
        end as w
    from base
),

cumulated as (
    select
        *,
        sum(w) over (order by k rows unbounded preceding) as cw,
        sum(w) over () as total_w
    from weighted
),

allocated as (
    select
        *,
        case
            when is_new then 1 + hk(k, 'newlines', 3)
            else
                1 + ({{ extra_lines }} * cw) // total_w
                - ({{ extra_lines }} * (cw - w)) // total_w
        end::bigint as n_lines
    from cumulated
)

select
    a.*,
    43659 + a.k as sales_order_id,
    coalesce(ic.customer_id, sc.customer_id) as customer_id,
    coalesce(ic.territory_id, sc.territory_id) as territory_id,
    sp.business_entity_id as sales_person_id
from allocated as a
left join individual_customers as ic
    on a.is_online and ic.rn = 1 + hk(a.k, 'customer', {{ individual_customer_count }})
left join store_customers as sc
    on not a.is_online and sc.rn = 1 + hk(a.k, 'customer', {{ store_customer_count }})
left join sales_people as sp
    on not a.is_online and sp.rn = 1 + hk(a.k, 'salesperson', {{ sales_person_count }})
order by a.k
