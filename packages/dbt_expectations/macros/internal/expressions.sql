{#-
    Rows (or groups) for which `expression` is not true. Null results do not fail,
    as upstream: a null value is not "outside" a range.
-#}
{% macro _failing_expression(model, expression, group_by=none, row_condition=none) %}
{%- set group_columns = dbt_expectations._as_list(group_by) -%}
with evaluated as (
    select
        {%- for column in group_columns %}
        {{ column }},
        {%- endfor %}
        {{ expression }} as expression
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}
    {%- if group_columns %}
    group by {{ group_columns | join(', ') }}
    {%- endif %}
),

validation_errors as (
    select * from evaluated
    where not (expression = true)
)

select * from validation_errors
{% endmacro %}

{#- `expression` compared with min_value / max_value (either may be omitted). -#}
{% macro _expression_between(
    model,
    expression,
    min_value=none,
    max_value=none,
    group_by=none,
    row_condition=none,
    strictly=false,
    test_name='expression_between'
) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(
        test_name ~ ": give `min_value`, `max_value` or both."
    ) }}
{%- endif -%}
{%- set lower_operator = '>' if strictly else '>=' -%}
{%- set upper_operator = '<' if strictly else '<=' -%}
{%- set conditions = [] -%}
{%- if min_value is not none -%}
    {%- do conditions.append(expression ~ ' ' ~ lower_operator ~ ' ' ~ min_value) -%}
{%- endif -%}
{%- if max_value is not none -%}
    {%- do conditions.append(expression ~ ' ' ~ upper_operator ~ ' ' ~ max_value) -%}
{%- endif -%}
{{ dbt_expectations._failing_expression(
    model, '(' ~ conditions | join(' and ') ~ ')', group_by, row_condition
) }}
{% endmacro %}

{#-
    Compares an aggregate of `model` with one of `compare_model`, per group (a full
    outer join on the group columns, so a group missing on one side counts as 0).
    Fails when the absolute difference exceeds `tolerance`, or, when
    `tolerance_percent` is given, when difference / model value exceeds it (a
    fraction: 0.05 = 5 %).
-#}
{% macro _equal_expression(
    model,
    expression,
    compare_model,
    compare_expression=none,
    group_by=none,
    compare_group_by=none,
    row_condition=none,
    compare_row_condition=none,
    tolerance=0.0,
    tolerance_percent=none
) %}
{%- set compare_expression = compare_expression or expression -%}
{%- set group_columns = dbt_expectations._as_list(group_by) -%}
{%- set compare_group_columns = dbt_expectations._as_list(compare_group_by)
    or group_columns -%}
{%- if group_columns | length != compare_group_columns | length -%}
    {{ exceptions.raise_compiler_error(
        "`group_by` and `compare_group_by` must have the same number of columns."
    ) }}
{%- endif -%}
with model_side as (
    {{ dbt_expectations._grouped_aggregate(
        model, expression, group_columns, row_condition
    ) }}
),

compare_side as (
    {{ dbt_expectations._grouped_aggregate(
        compare_model, compare_expression, compare_group_columns, compare_row_condition
    ) }}
),

compared as (
    select
        {%- for column in group_columns %}
        coalesce(model_side.group_{{ loop.index }}, compare_side.group_{{ loop.index }})
            as group_{{ loop.index }},
        {%- endfor %}
        model_side.expression,
        compare_side.expression as compare_expression,
        abs(coalesce(model_side.expression, 0) - coalesce(compare_side.expression, 0))
            as expression_difference,
        abs(coalesce(model_side.expression, 0) - coalesce(compare_side.expression, 0))
            / nullif(model_side.expression * 1.0, 0) as expression_difference_percent
    from model_side
    {%- if group_columns %}
    full outer join compare_side
        on
        {%- for column in group_columns %}
        {{ 'and ' if not loop.first }}model_side.group_{{ loop.index }}
            = compare_side.group_{{ loop.index }}
        {%- endfor %}
    {%- else %}
    cross join compare_side
    {%- endif %}
)

select * from compared
{%- if tolerance_percent %}
where expression_difference_percent > {{ tolerance_percent }}
{%- else %}
where expression_difference > {{ tolerance }}
{%- endif %}
{% endmacro %}

{% macro _grouped_aggregate(model, expression, group_columns, row_condition) %}
    select
        {%- for column in group_columns %}
        {{ column }} as group_{{ loop.index }},
        {%- endfor %}
        {{ expression }} as expression
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {%- endif %}
    {%- if group_columns %}
    group by {{ group_columns | join(', ') }}
    {%- endif %}
{% endmacro %}

{#- none -> [], 'a' -> ['a'], lists unchanged. -#}
{% macro _as_list(value) %}
    {%- if value is none -%}
        {{ return([]) }}
    {%- elif value is string -%}
        {{ return([value]) }}
    {%- else -%}
        {{ return(value | list) }}
    {%- endif -%}
{% endmacro %}

{#- A SQL string literal for a Python value, with quotes doubled. -#}
{% macro _quoted_literal(value) %}
    {{ return("'" ~ (value | string).replace("'", "''") ~ "'") }}
{% endmacro %}
