{#- Text, JSON and row functions that are named or written differently on each engine. -#}

{#- A SQL string literal holding exactly `text`: single quotes doubled on
    DuckDB; on Spark, whose literals treat a backslash as an escape, backslashes
    and single quotes escaped with a backslash. Any text with a backslash in it
    (IMDB's `\N`, a regular expression) goes through here. -#}
{% macro quoted_text(text) -%}
    {{ return(adapter.dispatch('quoted_text')(text)) }}
{%- endmacro %}

{% macro duckdb__quoted_text(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__quoted_text(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{% macro default__quoted_text(text) -%}
    {{ exceptions.raise_compiler_error(
        "quoted_text has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- True when the whole of `expression` matches the regular expression
    `pattern` (its text, not a SQL literal); NULL for NULL. -#}
{% macro regexp_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_full_match')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__regexp_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ quoted_text(pattern) }})
{%- endmacro %}

{% macro spark__regexp_full_match(expression, pattern) -%}
    ({{ expression }} rlike {{ quoted_text('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro default__regexp_full_match(expression, pattern) -%}
    {{ exceptions.raise_compiler_error(
        "regexp_full_match has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The text split at every `separator` (a SQL expression of one character),
    empty pieces kept; NULL for NULL. -#}
{% macro split_text(expression, separator) -%}
    {{ return(adapter.dispatch('split_text')(expression, separator)) }}
{%- endmacro %}

{% macro duckdb__split_text(expression, separator) -%}
    string_split({{ expression }}, {{ separator }})
{%- endmacro %}

{#- Spark's split takes a regular expression: the separator is quoted. -#}
{% macro spark__split_text(expression, separator) -%}
    split(
        {{ expression }},
        concat({{ quoted_text('\\Q') }}, {{ separator }}, {{ quoted_text('\\E') }}),
        -1
    )
{%- endmacro %}

{% macro default__split_text(expression, separator) -%}
    {{ exceptions.raise_compiler_error(
        "split_text has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- A JSON array of strings as an array of text, escapes decoded; NULL when
    the text is not valid JSON or not an array. -#}
{% macro json_string_array(expression) -%}
    {{ return(adapter.dispatch('json_string_array')(expression)) }}
{%- endmacro %}

{% macro duckdb__json_string_array(expression) -%}
    case
        when json_valid({{ expression }}) and json_type({{ expression }}) = 'ARRAY'
            then from_json({{ expression }}, '["VARCHAR"]')
    end
{%- endmacro %}

{% macro spark__json_string_array(expression) -%}
    from_json({{ expression }}, 'array<string>')
{%- endmacro %}

{% macro default__json_string_array(expression) -%}
    {{ exceptions.raise_compiler_error(
        "json_string_array has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- A struct of the named columns (a list), each qualified by `relation_alias`
    when given; fields keep the column names. -#}
{% macro struct_of(columns, relation_alias=none) -%}
    {{ return(adapter.dispatch('struct_of')(columns, relation_alias)) }}
{%- endmacro %}

{% macro duckdb__struct_of(columns, relation_alias) -%}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    struct_pack(
        {%- for column in columns %}
        "{{ column }}" := {{ prefix }}"{{ column }}"{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro spark__struct_of(columns, relation_alias) -%}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    named_struct(
        {%- for column in columns %}
        '{{ column }}', {{ prefix }}`{{ column }}`{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro default__struct_of(columns, relation_alias) -%}
    {{ exceptions.raise_compiler_error(
        "struct_of has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The whole row of the relation (or CTE) `relation_alias` as one struct, its
    fields named as the columns. -#}
{% macro row_struct(relation_alias) -%}
    {{ return(adapter.dispatch('row_struct')(relation_alias)) }}
{%- endmacro %}

{% macro duckdb__row_struct(relation_alias) -%}
    {{ relation_alias }}
{%- endmacro %}

{% macro spark__row_struct(relation_alias) -%}
    struct({{ relation_alias }}.*)
{%- endmacro %}

{% macro default__row_struct(relation_alias) -%}
    {{ exceptions.raise_compiler_error(
        "row_struct has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}
