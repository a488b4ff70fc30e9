{#- Generic test: `rejected_columns` agrees with the typed columns.
    `columns` maps each raw column name that can be rejected to its typed
    column. Fails on rows where rejected_columns is NULL, names a column that
    is not in the map, or names a column whose typed value is not NULL. -#}
{% test imdb_rejected_columns_consistent(model, columns,
                                         column_name='rejected_columns') %}

{%- set quoted = [] -%}
{%- for raw_name in columns -%}
    {%- do quoted.append("'" ~ raw_name ~ "'") -%}
{%- endfor %}

select *
from {{ model }}
where
    {{ column_name }} is null
    or not {{ array_within(column_name, quoted, dbt.type_string()) }}
    {%- for raw_name, typed_column in columns.items() %}
    or (array_contains({{ column_name }}, '{{ raw_name }}')
        and {{ typed_column }} is not null)
    {%- endfor %}

{% endtest %}
