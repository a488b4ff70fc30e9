{#- The day a raw file was delivered, from the loader's record (stg_loader__raw_files), as a
    scalar subquery: the same value on every row, evaluated once per query. The IMDB facts
    take their as_of_date from it. -#}
{% macro file_delivered_on(table_name) -%}
    (
        select max(delivered_on) from {{ ref('stg_loader__raw_files') }}
        where table_name = '{{ table_name }}'
    )
{%- endmacro %}
