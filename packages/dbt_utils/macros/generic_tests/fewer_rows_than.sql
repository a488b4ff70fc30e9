{% test fewer_rows_than(model, compare_model, group_by_columns=[]) %}
    {{ config(fail_calc='sum(coalesce(row_count_delta, 0))') }}
    {{ return(adapter.dispatch('test_fewer_rows_than', 'dbt_utils')(
        model, compare_model, group_by_columns
    )) }}
{% endtest %}

{% macro default__test_fewer_rows_than(model, compare_model, group_by_columns) %}
{{ dbt_utils._compared_row_counts(model, compare_model, group_by_columns) }},

deltas as (
    select
        *,
        case
            -- more rows than the comparison: the excess is the failure count
            when model_row_count > compare_model_row_count
                then model_row_count - compare_model_row_count
            -- the same number of rows is not "fewer" either
            when model_row_count = compare_model_row_count then 1
            else 0
        end as row_count_delta
    from compared_counts
)

{#- Every group is returned (as upstream); fail_calc sums the deltas. -#}
select * from deltas
{% endmacro %}
