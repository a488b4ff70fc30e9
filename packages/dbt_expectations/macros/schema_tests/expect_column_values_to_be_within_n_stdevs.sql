{% test expect_column_values_to_be_within_n_stdevs(
    model, column_name, group_by=none, sigma_threshold=3
) %}
    {{ return(adapter.dispatch(
        'test_expect_column_values_to_be_within_n_stdevs', 'dbt_expectations'
    )(model, column_name, group_by, sigma_threshold)) }}
{% endtest %}

{% macro default__test_expect_column_values_to_be_within_n_stdevs(
    model, column_name, group_by, sigma_threshold
) %}
{#-
    With group_by (as upstream): the column is summed per group and each group's
    sum is compared with the mean and sample standard deviation of all sums.
    Without group_by: each row's value is compared with the mean and standard
    deviation of the column (upstream sums the whole table into one value, which
    can never fail). Fails where |value - mean| / stddev > sigma_threshold.
-#}
{%- set group_columns = dbt_expectations._as_list(group_by) -%}
with metric_values as (
    select
        {%- for column in group_columns %}
        {{ column }},
        {%- endfor %}
        {%- if group_columns %}
        sum({{ column_name }}) as metric_value
        {%- else %}
        {{ column_name }} as metric_value
        {%- endif %}
    from {{ model }}
    {%- if group_columns %}
    group by {{ group_columns | join(', ') }}
    {%- endif %}
),

with_statistics as (
    select
        *,
        avg(metric_value) over () as metric_average,
        stddev(metric_value) over () as metric_stddev
    from metric_values
),

with_z_scores as (
    select
        *,
        (metric_value - metric_average) / nullif(metric_stddev, 0) as metric_sigma
    from with_statistics
)

select * from with_z_scores
where abs(metric_sigma) > {{ sigma_threshold }}
{% endmacro %}
