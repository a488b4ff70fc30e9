{#- The timestamp type used for date buckets. -#}
{% macro type_datetime() %}
    {{ return(adapter.dispatch('type_datetime', 'dbt_expectations')()) }}
{% endmacro %}

{% macro default__type_datetime() %}
    {{ return(dbt.type_timestamp()) }}
{% endmacro %}

{% macro duckdb__type_datetime() %}
    {{ return('timestamp') }}
{% endmacro %}

{#-
    A select of one column `date_<date_part>` (timestamps): every `step`-th
    date_part from the `start_column` to before the `end_column` of the one-row
    relation or CTE `bounds_relation`.
-#}
{% macro date_bucket_spine(date_part, step, bounds_relation, start_column, end_column) %}
    {{ return(adapter.dispatch('date_bucket_spine', 'dbt_expectations')(
        date_part, step, bounds_relation, start_column, end_column
    )) }}
{% endmacro %}

{% macro duckdb__date_bucket_spine(date_part, step, bounds_relation, start_column, end_column) %}
    select
        unnest(range(
            {{ start_column }},
            {{ end_column }},
            interval ({{ step }}) {{ date_part }}
        )) as date_{{ date_part }}
    from {{ bounds_relation }}
{% endmacro %}

{#- Portable version: a recursive CTE (mind engines' recursion limits). -#}
{% macro default__date_bucket_spine(
    date_part, step, bounds_relation, start_column, end_column
) %}
    {%- set next_value = dbt.dateadd(date_part, step, 'spine.date_' ~ date_part) -%}
    with recursive spine as (
        select
            cast({{ start_column }} as {{ dbt_expectations.type_datetime() }})
                as date_{{ date_part }},
            cast({{ end_column }} as {{ dbt_expectations.type_datetime() }}) as end_at
        from {{ bounds_relation }}
        where {{ start_column }} < {{ end_column }}
        union all
        select
            cast({{ next_value }} as {{ dbt_expectations.type_datetime() }}),
            spine.end_at
        from spine
        where {{ next_value }} < spine.end_at
    )

    select date_{{ date_part }} from spine
{% endmacro %}
