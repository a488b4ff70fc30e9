{#-
    Integration-suite helper: `model` must hold exactly the rows of `expected`
    (as a multiset) over exactly the same set of column names.
-#}
{% test assert_equal_rows(model, expected) %}
{%- set actual_names = [] -%}
{%- set expected_names = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- do actual_names.append(column.name | lower) -%}
    {%- endfor -%}
    {%- for column in adapter.get_columns_in_relation(expected) -%}
        {%- do expected_names.append(column.name | lower) -%}
    {%- endfor -%}
{%- endif -%}
{%- if actual_names | sort != expected_names | sort -%}
select
    'columns differ: got {{ actual_names | join(" ") }}; expected
    {{- " " ~ expected_names | join(" ") }}' as problem
{%- else -%}
{%- set column_list = expected_names | map('string') | join(', ') -%}
with actual_rows as (
    select {{ column_list }} from {{ model }}
),

expected_rows as (
    select {{ column_list }} from {{ expected }}
),

missing_rows as (
    select * from expected_rows
    except all
    select * from actual_rows
),

unexpected_rows as (
    select * from actual_rows
    except all
    select * from expected_rows
)

select 'missing' as problem, * from missing_rows
union all
select 'unexpected' as problem, * from unexpected_rows
{%- endif %}
{% endtest %}
