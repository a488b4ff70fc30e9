{#-
    A boolean SQL expression: does `source_value` contain a match for `regexp`
    (a search, not a full match; anchor with ^...$ for a full match)?
    `is_raw` asks for a raw string literal where the engine has one; `flags` are the
    engine's regex option letters. The pattern is always written as a quoted literal
    with single quotes doubled.
-#}
{% macro regexp_instr(source_value, regexp, position=1, occurrence=1, is_raw=false, flags='') %}
    {{ return(adapter.dispatch('regexp_instr', 'dbt_expectations')(
        source_value, regexp, position, occurrence, is_raw, flags
    )) }}
{% endmacro %}

{#- DuckDB literals never process backslashes, so every pattern is already raw. -#}
{% macro duckdb__regexp_instr(source_value, regexp, position, occurrence, is_raw, flags) %}
    {%- do dbt_expectations._check_regex_flags(flags, 'cilmnps') -%}
    {%- if flags -%}
        {{ return('regexp_matches(' ~ source_value ~ ', '
            ~ dbt_expectations._quoted_literal(regexp) ~ ', '
            ~ dbt_expectations._quoted_literal(flags) ~ ')') }}
    {%- endif -%}
    {{ return('regexp_matches(' ~ source_value ~ ', '
        ~ dbt_expectations._quoted_literal(regexp) ~ ')') }}
{% endmacro %}

{#- Spark: `rlike` (a search, as upstream), the flags as Java's inline flags. Spark's
    literals treat a backslash as an escape, so the pattern's backslashes and quotes are
    escaped with one; `is_raw` then changes nothing. -#}
{% macro spark__regexp_instr(source_value, regexp, position, occurrence, is_raw, flags) %}
    {%- do dbt_expectations._check_regex_flags(flags, 'imsux') -%}
    {%- set pattern = ('(?' ~ flags ~ ')' if flags else '') ~ regexp -%}
    {%- set literal = pattern | replace('\\', '\\\\') | replace("'", "\\'") -%}
    {{ return('(' ~ source_value ~ " rlike '" ~ literal ~ "')") }}
{% endmacro %}

{% macro postgres__regexp_instr(source_value, regexp, position, occurrence, is_raw, flags) %}
    {%- do dbt_expectations._check_regex_flags(flags, 'bcegimnpqstwx') -%}
    {%- set operator = '~*' if 'i' in flags else '~' -%}
    {{ return('(' ~ source_value ~ ' ' ~ operator ~ ' '
        ~ dbt_expectations._quoted_literal(regexp) ~ ')') }}
{% endmacro %}

{#- Engines with regexp_instr(value, pattern, position, occurrence) (Snowflake, ...). -#}
{% macro default__regexp_instr(source_value, regexp, position, occurrence, is_raw, flags) %}
    {%- if is_raw or flags -%}
        {%- do exceptions.warn(
            "regexp_instr: is_raw and flags are not supported on this adapter; ignored."
        ) -%}
    {%- endif -%}
    {{ return('(regexp_instr(' ~ source_value ~ ', '
        ~ dbt_expectations._quoted_literal(regexp) ~ ', ' ~ position ~ ', '
        ~ occurrence ~ ') > 0)') }}
{% endmacro %}

{% macro _check_regex_flags(flags, allowed) %}
    {%- for flag in (flags or '') -%}
        {%- if flag not in allowed -%}
            {{ exceptions.raise_compiler_error(
                "regex flag '" ~ flag ~ "' is not supported here; allowed: " ~ allowed
            ) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
