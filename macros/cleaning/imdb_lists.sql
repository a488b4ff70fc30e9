{#- Unnesting lists into rows, behind adapter.dispatch so the intermediate
    models above staging hold no engine-specific SQL. Use both in the same
    select: the element and its 1-based position come out side by side. -#}
{% macro imdb_unnest(list_expression) -%}
    {{ return(adapter.dispatch('imdb_unnest', 'warehouse')(list_expression)) }}
{%- endmacro %}

{% macro default__imdb_unnest(list_expression) -%}
    unnest({{ list_expression }})
{%- endmacro %}


{% macro imdb_list_position(list_expression) -%}
    {{ return(adapter.dispatch('imdb_list_position', 'warehouse')(list_expression)) }}
{%- endmacro %}

{% macro default__imdb_list_position(list_expression) -%}
    generate_subscripts({{ list_expression }}, 1)
{%- endmacro %}
