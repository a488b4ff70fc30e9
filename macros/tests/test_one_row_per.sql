{#- The model holds at most one row per combination of `columns` (its grain).
    Fails with one row per repeated combination and how many rows it has, like
    dbt_utils.unique_combination_of_columns, but counts each combination with a
    window partitioned by the columns instead of a `group by`: a window sorts its
    partitions and spills them to disk, so the check holds within the memory limit
    on tables with tens of millions of keys, where a hash aggregate over every key
    runs out of memory. Used for the IMDB grains; the small sales tables keep
    dbt_utils.unique_combination_of_columns. -#}
{% test one_row_per(model, columns) %}
{%- if columns is string or columns is not iterable or columns | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "one_row_per: `columns` must be a non-empty list of column names, got: " ~ columns
    ) }}
{%- endif -%}
{%- set column_csv = columns | join(', ') -%}

with combination_counts as (
    select
        {{ column_csv }},
        count(*) over (partition by {{ column_csv }}) as n_records
    from {{ model }}
),

repeated_combinations as (
    select
        {{ column_csv }},
        max(n_records) as n_records
    from combination_counts
    where n_records > 1
    group by {{ column_csv }}
)

select * from repeated_combinations

{% endtest %}
