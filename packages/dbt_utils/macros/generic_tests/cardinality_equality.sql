{% test cardinality_equality(model, column_name, to, field) %}
    {{ return(adapter.dispatch('test_cardinality_equality', 'dbt_utils')(
        model, column_name, to, field
    )) }}
{% endtest %}

{% macro default__test_cardinality_equality(model, column_name, to, field) %}
{#- Each distinct value must occur the same number of times on both sides. -#}
with model_value_counts as (
    select
        {{ column_name }} as value,
        count(*) as n_rows
    from {{ model }}
    group by {{ column_name }}
),

other_value_counts as (
    select
        {{ field }} as value,
        count(*) as n_rows
    from {{ to }}
    group by {{ field }}
),

only_in_model as (
    select * from model_value_counts
    except
    select * from other_value_counts
),

only_in_other as (
    select * from other_value_counts
    except
    select * from model_value_counts
),

differences as (
    select 'model' as side, * from only_in_model
    union all
    select 'to' as side, * from only_in_other
)

select * from differences
{% endmacro %}
