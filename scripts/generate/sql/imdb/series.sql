-- The series and mini-series among the day-1 titles, numbered 1.. so that title.episode
-- can draw a parent by number.
create or replace table series as
select
    row_number() over (order by i) as sn,
    i
from (
    select
        r.i,
        title_type(r.i) as ttype
    from range(1, {{ titles + 1 }}) as r (i)
)
where ttype in ('tvSeries', 'tvMiniSeries')
