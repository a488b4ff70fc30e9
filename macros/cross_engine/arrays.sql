{#- Array (DuckDB: list) functions that are named differently on each engine. -#}

{#- The number of elements of an array; NULL for a NULL array on both engines
    (Spark's `size` would give -1 there, so `array_size`). -#}
{% macro array_size(array) -%}
    {{ return(adapter.dispatch('array_size')(array)) }}
{%- endmacro %}

{% macro duckdb__array_size(array) -%}
    len({{ array }})
{%- endmacro %}

{% macro spark__array_size(array) -%}
    array_size({{ array }})
{%- endmacro %}

{% macro default__array_size(array) -%}
    {{ exceptions.raise_compiler_error(
        "array_size has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The distinct non-NULL elements of an array, in no defined order. DuckDB's
    `list_distinct` drops NULLs; Spark's `array_distinct` keeps one, so they
    are filtered out first. -#}
{% macro array_distinct(array) -%}
    {{ return(adapter.dispatch('array_distinct')(array)) }}
{%- endmacro %}

{% macro duckdb__array_distinct(array) -%}
    list_distinct({{ array }})
{%- endmacro %}

{% macro spark__array_distinct(array) -%}
    array_distinct(filter({{ array }}, element -> element is not null))
{%- endmacro %}

{% macro default__array_distinct(array) -%}
    {{ exceptions.raise_compiler_error(
        "array_distinct has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The array without its NULL elements, order kept. -#}
{% macro array_compact(array) -%}
    {{ return(adapter.dispatch('array_compact')(array)) }}
{%- endmacro %}

{% macro duckdb__array_compact(array) -%}
    list_filter({{ array }}, lambda element: element is not null)
{%- endmacro %}

{% macro spark__array_compact(array) -%}
    array_compact({{ array }})
{%- endmacro %}

{% macro default__array_compact(array) -%}
    {{ exceptions.raise_compiler_error(
        "array_compact has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- An array of the SQL expressions `elements` (a list), of `element_type`
    (a type both engines know: string, bigint, integer, ...). -#}
{% macro array_of(elements, element_type) -%}
    {{ return(adapter.dispatch('array_of')(elements, element_type)) }}
{%- endmacro %}

{% macro duckdb__array_of(elements, element_type) -%}
    cast([{{ elements | join(', ') }}] as {{ element_type }}[])
{%- endmacro %}

{% macro spark__array_of(elements, element_type) -%}
    cast(array({{ elements | join(', ') }}) as array<{{ element_type }}>)
{%- endmacro %}

{% macro default__array_of(elements, element_type) -%}
    {{ exceptions.raise_compiler_error(
        "array_of has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- True when every non-NULL element of `array` is one of `allowed` (a list
    of SQL expressions); NULL for a NULL array. DuckDB's list_has_all skips
    NULL elements; Spark's array_except would keep them, so they go first. -#}
{% macro array_within(array, allowed, element_type) -%}
    {{ return(adapter.dispatch('array_within')(array, allowed, element_type)) }}
{%- endmacro %}

{% macro duckdb__array_within(array, allowed, element_type) -%}
    list_has_all({{ array_of(allowed, element_type) }}, {{ array }})
{%- endmacro %}

{% macro spark__array_within(array, allowed, element_type) -%}
    array_size(array_except(array_compact({{ array }}), {{ array_of(allowed, element_type) }})) = 0
{%- endmacro %}

{% macro default__array_within(array, allowed, element_type) -%}
    {{ exceptions.raise_compiler_error(
        "array_within has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- Each element of an array of text cast to `element_type` (NULL where it
    does not fit). -#}
{% macro try_cast_elements(array, element_type) -%}
    {{ return(adapter.dispatch('try_cast_elements')(array, element_type)) }}
{%- endmacro %}

{% macro duckdb__try_cast_elements(array, element_type) -%}
    try_cast({{ array }} as {{ element_type }}[])
{%- endmacro %}

{% macro spark__try_cast_elements(array, element_type) -%}
    transform({{ array }}, element -> try_cast(element as {{ element_type }}))
{%- endmacro %}

{% macro default__try_cast_elements(array, element_type) -%}
    {{ exceptions.raise_compiler_error(
        "try_cast_elements has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- Two select-list items: each element of `array` as `value_name` and its
    1-based position as `position_name`, one row per element; a NULL or empty
    array gives no row. -#}
{% macro unnest_with_position(array, value_name, position_name) -%}
    {{ return(adapter.dispatch('unnest_with_position')(array, value_name, position_name)) }}
{%- endmacro %}

{% macro duckdb__unnest_with_position(array, value_name, position_name) -%}
    unnest({{ array }}) as {{ value_name }},
    generate_subscripts({{ array }}, 1) as {{ position_name }}
{%- endmacro %}

{% macro spark__unnest_with_position(array, value_name, position_name) -%}
    inline(transform(
        {{ array }},
        (element, position) -> named_struct('value', element, 'position', position + 1)
    )) as ({{ value_name }}, {{ position_name }})
{%- endmacro %}

{% macro default__unnest_with_position(array, value_name, position_name) -%}
    {{ exceptions.raise_compiler_error(
        "unnest_with_position has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The type of an array of `element_type` (DuckDB `T[]`, Spark `array<T>`). -#}
{% macro array_type(element_type) -%}
    {{ return(adapter.dispatch('array_type')(element_type)) }}
{%- endmacro %}

{% macro duckdb__array_type(element_type) -%}
    {{ element_type }}[]
{%- endmacro %}

{% macro spark__array_type(element_type) -%}
    array<{{ element_type }}>
{%- endmacro %}

{% macro default__array_type(element_type) -%}
    {{ exceptions.raise_compiler_error(
        "array_type has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}
