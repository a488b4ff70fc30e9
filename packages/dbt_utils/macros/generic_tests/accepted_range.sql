{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    {{ return(adapter.dispatch('test_accepted_range', 'dbt_utils')(
        model, column_name, min_value, max_value, inclusive
    )) }}
{% endtest %}

{% macro default__test_accepted_range(model, column_name, min_value, max_value, inclusive) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(
        "accepted_range: give `min_value`, `max_value` or both."
    ) }}
{%- endif -%}
{%- set lower_operator = '>=' if inclusive else '>' -%}
{%- set upper_operator = '<=' if inclusive else '<' -%}

{#- Nulls are not checked: a comparison with null is never "not true". -#}
with out_of_range as (
    select *
    from {{ model }}
    where
        1 = 2
        {%- if min_value is not none %}
        or not ({{ column_name }} {{ lower_operator }} {{ min_value }})
        {%- endif %}
        {%- if max_value is not none %}
        or not ({{ column_name }} {{ upper_operator }} {{ max_value }})
        {%- endif %}
)

select * from out_of_range
{% endmacro %}
