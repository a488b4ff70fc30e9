{% test expect_row_values_to_have_data_for_every_n_datepart(
    model,
    date_col,
    date_part='day',
    interval=none,
    row_condition=none,
    exclusion_condition=none,
    test_start_date=none,
    test_end_date=none
) %}
    {{ return(adapter.dispatch(
        'test_expect_row_values_to_have_data_for_every_n_datepart', 'dbt_expectations'
    )(
        model,
        date_col,
        date_part,
        interval,
        row_condition,
        exclusion_condition,
        test_start_date,
        test_end_date
    )) }}
{% endtest %}

{% macro default__test_expect_row_values_to_have_data_for_every_n_datepart(
    model,
    date_col,
    date_part,
    interval,
    row_condition,
    exclusion_condition,
    test_start_date,
    test_end_date
) %}
{#-
    Builds the buckets from test_start_date (default: the first bucket with data) to
    before test_end_date (default: through the last bucket with data), every
    `interval` date_parts, and fails for each bucket without rows. The
    exclusion_condition may use date_<date_part>, row_cnt and is_missing.
-#}
{%- set step = interval or 1 -%}
{%- set datetime_type = dbt_expectations.type_datetime() -%}
{%- set bucket_column = 'date_' ~ date_part -%}
{%- set offset = dbt.datediff('bounds.spine_start', 'data_rows.bucket_at', date_part) -%}
with data_rows as (
    select
        cast({{ dbt.date_trunc(date_part, date_col) }} as {{ datetime_type }})
            as bucket_at
    from {{ model }}
    where
        {{ date_col }} is not null
        {%- if row_condition %}
        and ({{ row_condition }})
        {%- endif %}
),

bounds as (
    select
        {%- if test_start_date %}
        cast('{{ test_start_date }}' as {{ datetime_type }}) as spine_start,
        {%- else %}
        min(bucket_at) as spine_start,
        {%- endif %}
        {%- if test_end_date %}
        cast('{{ test_end_date }}' as {{ datetime_type }}) as spine_end
        {%- else %}
        cast({{ dbt.dateadd(date_part, 1, 'max(bucket_at)') }} as {{ datetime_type }})
            as spine_end
        {%- endif %}
    from data_rows
),

expected_buckets as (
    {{ dbt_expectations.date_bucket_spine(
        date_part, step, 'bounds', 'spine_start', 'spine_end'
    ) }}
),

observed_buckets as (
    select
        {%- if step == 1 %}
        data_rows.bucket_at as {{ bucket_column }},
        {%- else %}
        cast({{ dbt.dateadd(
            date_part,
            '(' ~ offset ~ ') - mod(' ~ offset ~ ', ' ~ step ~ ')',
            'bounds.spine_start'
        ) }} as {{ datetime_type }}) as {{ bucket_column }},
        {%- endif %}
        count(*) as row_cnt
    from data_rows
    cross join bounds
    group by 1
),

bucket_counts as (
    select
        cast(expected_buckets.{{ bucket_column }} as {{ datetime_type }})
            as {{ bucket_column }},
        observed_buckets.{{ bucket_column }} is null as is_missing,
        coalesce(observed_buckets.row_cnt, 0) as row_cnt
    from expected_buckets
    left join observed_buckets
        on cast(expected_buckets.{{ bucket_column }} as {{ datetime_type }})
            = observed_buckets.{{ bucket_column }}
)

select * from bucket_counts
where
    row_cnt = 0
    {%- if exclusion_condition %}
    and ({{ exclusion_condition }})
    {%- endif %}
{% endmacro %}
