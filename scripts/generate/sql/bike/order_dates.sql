-- The natural date of each day-1 order: denser towards the end, over 1127 days from
-- 2011-05-31.
create or replace table order_dates as
select
    r.k,
    date '2011-05-31' + floor(1127 * pow(r.k / {{ orders }}, 0.6))::integer as natural_date
from range({{ orders }}) as r (k)
