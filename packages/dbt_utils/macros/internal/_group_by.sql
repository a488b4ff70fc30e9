{#- Shared helper: the select/group by/partition by fragments for `group_by_columns`. -#}
{% macro _group_by_fragments(group_by_columns) %}
    {%- set columns = group_by_columns or [] -%}
    {%- if columns is string -%}
        {%- set columns = [columns] -%}
    {%- endif -%}
    {%- set joined = columns | join(', ') -%}
    {{ return({
        'columns': columns,
        'select': (joined ~ ', ') if columns else '',
        'group_by': ('group by ' ~ joined) if columns else '',
        'partition_by': ('partition by ' ~ joined) if columns else '',
    }) }}
{% endmacro %}

{#- Shared helper: `a.col is not distinct from b.col and ...` for a list of columns. -#}
{% macro _null_safe_join_condition(columns, left_alias, right_alias) %}
    {%- set conditions = [] -%}
    {%- for column in columns -%}
        {%- do conditions.append(
            left_alias ~ '.' ~ column ~ ' is not distinct from ' ~ right_alias ~ '.' ~ column
        ) -%}
    {%- endfor -%}
    {{ return(conditions | join(' and ') if conditions else '1 = 1') }}
{% endmacro %}

{#- Shared helper: raise a clear error unless `value` is a non-empty list. -#}
{% macro _require_list(value, argument_name, test_name) %}
    {%- if value is string or value is mapping or value is not iterable or value | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            test_name ~ ": `" ~ argument_name ~ "` must be a non-empty list, got: "
            ~ value | string
        ) }}
    {%- endif -%}
{% endmacro %}
