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
