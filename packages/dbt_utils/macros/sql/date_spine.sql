{#-
    One row per `datepart` from start_date (inclusive) to end_date (exclusive), in a
    column named date_<datepart>. start_date / end_date are SQL expressions, e.g.
    "cast('2024-01-01' as date)". Values are timestamps, as upstream on DuckDB.
-#}
{% macro date_spine(datepart, start_date, end_date) %}
    {{ return(adapter.dispatch('date_spine', 'dbt_utils')(datepart, start_date, end_date)) }}
{% endmacro %}

{% macro duckdb__date_spine(datepart, start_date, end_date) %}
select
    cast(unnest(range(
        cast({{ start_date }} as timestamp),
        cast({{ end_date }} as timestamp),
        interval (1) {{ datepart }}
    )) as timestamp) as date_{{ datepart }}
{% endmacro %}

{#- Portable version: a digits cross join sized by datediff, computed at run time. -#}
{% macro default__date_spine(datepart, start_date, end_date) %}
{%- set n_periods = 1 -%}
{%- if execute -%}
    {%- set period_query -%}
        select {{ dbt.datediff(start_date, end_date, datepart) }} as n_periods
    {%- endset -%}
    {%- set n_periods = run_query(period_query).columns[0].values()[0] | int -%}
{%- endif -%}
{%- set n_digits = [n_periods | string | length, 1] | max -%}
with digits as (
    {%- for digit in range(10) %}
    select {{ digit }} as digit{{ ' union all' if not loop.last }}
    {%- endfor %}
),

period_numbers as (
    select
        {%- for position in range(n_digits) %}
        digits_{{ position }}.digit * {{ 10 ** position }}{{ ' +' if not loop.last }}
        {%- endfor %}
        as period_index
    from digits as digits_0
    {%- for position in range(1, n_digits) %}
    cross join digits as digits_{{ position }}
    {%- endfor %}
),

spine as (
    select
        cast({{ dbt.dateadd(datepart, 'period_index', start_date) }}
            as {{ dbt.type_timestamp() }}) as date_{{ datepart }}
    from period_numbers
    where period_index <= {{ n_periods }}
)

select * from spine
where date_{{ datepart }} < cast({{ end_date }} as {{ dbt.type_timestamp() }})
{% endmacro %}

{#- Spark: `sequence` over timestamps (end inclusive there, so the end is filtered out);
    start_date / end_date may be scalar subqueries, as on DuckDB. -#}
{% macro spark__date_spine(datepart, start_date, end_date) %}
select date_{{ datepart }}
from (
    select explode(
        case
            when cast({{ start_date }} as timestamp) < cast({{ end_date }} as timestamp)
                then sequence(
                    cast({{ start_date }} as timestamp),
                    cast({{ end_date }} as timestamp),
                    interval 1 {{ datepart }}
                )
        end
    ) as date_{{ datepart }}
) as spine
where date_{{ datepart }} < cast({{ end_date }} as timestamp)
{% endmacro %}
