{#-
    union all of several relations over the superset of their columns (in order of
    first appearance, matched case-insensitively); a column missing from a relation
    is null there. A string column found with several sizes takes the largest.
    `column_override` maps column name -> type; `include` / `exclude` (not both)
    filter columns; `source_column_name` (none to omit) records where rows came from.
-#}
{% macro union_relations(
    relations,
    column_override=none,
    include=[],
    exclude=[],
    source_column_name='_dbt_source_relation',
    where=none
) %}
    {{ return(adapter.dispatch('union_relations', 'dbt_utils')(
        relations, column_override, include, exclude, source_column_name, where
    )) }}
{% endmacro %}

{% macro default__union_relations(
    relations, column_override, include, exclude, source_column_name, where
) %}
{{ dbt_utils._require_list(relations, 'relations', 'union_relations') }}
{%- if include and exclude -%}
    {{ exceptions.raise_compiler_error(
        "union_relations: give `include` or `exclude`, not both."
    ) }}
{%- endif -%}
{%- for relation in relations -%}
    {%- if relation is string or relation.identifier is not defined -%}
        {{ exceptions.raise_compiler_error(
            "union_relations: every item of `relations` must be a relation (ref() or "
            ~ "source()), got: " ~ relation | string
        ) }}
    {%- endif -%}
{%- endfor -%}
{%- if not execute -%}
    {{ return('') }}
{%- endif -%}
{%- set overrides = {} -%}
{%- for name, data_type in (column_override or {}).items() -%}
    {%- do overrides.update({name | lower: data_type}) -%}
{%- endfor -%}
{%- set included = include | map('lower') | list -%}
{%- set excluded = exclude | map('lower') | list -%}
{%- set superset = {} -%}
{%- set column_order = [] -%}
{%- set names_by_relation = [] -%}
{%- for relation in relations -%}
    {%- set names_here = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- set key = column.name | lower -%}
        {%- set wanted = (not included or key in included) and key not in excluded -%}
        {%- if wanted -%}
            {%- do names_here.update({key: column.name}) -%}
            {%- if key not in superset -%}
                {%- do superset.update({key: column}) -%}
                {%- do column_order.append(key) -%}
            {%- elif column.is_string() and superset[key].is_string()
                and column.string_size() > superset[key].string_size() -%}
                {%- do superset.update({key: column}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do names_by_relation.append(names_here) -%}
{%- endfor -%}
{%- if column_order | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "union_relations: no columns left to union (check include / exclude)."
    ) }}
{%- endif -%}
{%- for relation in relations %}
{%- set names_here = names_by_relation[loop.index0] %}
(
    select
        {%- if source_column_name %}
        cast({{ dbt.string_literal(relation) }} as {{ dbt.type_string() }})
            as {{ adapter.quote(source_column_name) }},
        {%- endif %}
        {%- for key in column_order %}
        {%- set column = superset[key] %}
        {%- set value = adapter.quote(names_here[key]) if key in names_here else 'null' %}
        cast({{ value }} as {{ overrides.get(key, column.data_type) }})
            as {{ adapter.quote(column.name) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
)
{%- if not loop.last %}

union all
{% endif %}
{%- endfor %}
{% endmacro %}
