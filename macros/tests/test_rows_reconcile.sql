{#- Raw rows in = staged rows + rejected rows.
    The model counts how many raw rows each of its rows stands for in
    `row_count_column` (duplicates collapse into one row); `rejected` (optional)
    holds the raw rows that could not be staged at all (for example an
    unparseable key). Fails with one row showing the three counts. -#}
{% test rows_reconcile(model, raw, rejected=none, row_count_column='source_row_count') %}

with raw_rows as (
    select count(*) as row_count from {{ raw }}
),

staged_rows as (
    select coalesce(sum({{ row_count_column }}), 0) as row_count from {{ model }}
),

rejected_rows as (
    {% if rejected is not none -%}
    select count(*) as row_count from {{ rejected }}
    {%- else -%}
    select 0 as row_count
    {%- endif %}
)

select
    raw_rows.row_count as raw_row_count,
    staged_rows.row_count as staged_row_count,
    rejected_rows.row_count as rejected_row_count
from raw_rows
cross join staged_rows
cross join rejected_rows
where raw_rows.row_count <> staged_rows.row_count + rejected_rows.row_count

{% endtest %}
