{% test mutually_exclusive_ranges(
    model,
    lower_bound_column,
    upper_bound_column,
    partition_by=none,
    gaps='allowed',
    zero_length_range_allowed=false
) %}
    {{ return(adapter.dispatch('test_mutually_exclusive_ranges', 'dbt_utils')(
        model,
        lower_bound_column,
        upper_bound_column,
        partition_by,
        gaps,
        zero_length_range_allowed
    )) }}
{% endtest %}

{% macro default__test_mutually_exclusive_ranges(
    model,
    lower_bound_column,
    upper_bound_column,
    partition_by,
    gaps,
    zero_length_range_allowed
) %}
{#- How one range's upper bound must relate to the next range's lower bound. -#}
{%- set gap_operators = {'allowed': '<=', 'not_allowed': '=', 'required': '<'} -%}
{%- if gaps not in gap_operators -%}
    {{ exceptions.raise_compiler_error(
        "mutually_exclusive_ranges: `gaps` must be one of allowed, not_allowed, "
        ~ "required; got: " ~ gaps
    ) }}
{%- endif -%}
{%- if zero_length_range_allowed is not boolean -%}
    {{ exceptions.raise_compiler_error(
        "mutually_exclusive_ranges: `zero_length_range_allowed` must be true or false"
    ) }}
{%- endif -%}
{%- set next_operator = gap_operators[gaps] -%}
{%- set bounds_operator = '<=' if zero_length_range_allowed else '<' -%}
{%- set partition_clause = 'partition by ' ~ partition_by if partition_by else '' -%}

with ordered_ranges as (
    select
        {%- if partition_by %}
        {{ partition_by }} as partition_key,
        {%- endif %}
        {{ lower_bound_column }} as lower_bound,
        {{ upper_bound_column }} as upper_bound,
        lead({{ lower_bound_column }}) over (
            {{ partition_clause }}
            order by {{ lower_bound_column }}, {{ upper_bound_column }}
        ) as next_lower_bound,
        row_number() over (
            {{ partition_clause }}
            order by {{ lower_bound_column }} desc, {{ upper_bound_column }} desc
        ) = 1 as is_last_range
    from {{ model }}
),

checked_ranges as (
    select
        *,
        -- a null bound is never a valid range
        coalesce(lower_bound {{ bounds_operator }} upper_bound, false)
            as is_well_formed,
        -- the last range of a partition has no successor to collide with
        coalesce(upper_bound {{ next_operator }} next_lower_bound, is_last_range, false)
            as fits_before_next_range
    from ordered_ranges
)

select * from checked_ranges
where not (is_well_formed and fits_before_next_range)
{% endmacro %}
