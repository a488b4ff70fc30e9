{#- Every column of the relation in scope except the named ones:
    `* exclude (...)` on DuckDB, `* except (...)` on Spark (3.x has no such
    form: Spark 4 or Databricks). -#}
{% macro star_except(columns) -%}
    {{ return(adapter.dispatch('star_except')(columns)) }}
{%- endmacro %}

{% macro duckdb__star_except(columns) -%}
    * exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns) -%}
    * except ({{ columns | join(', ') }})
{%- endmacro %}

{% macro default__star_except(columns) -%}
    {{ exceptions.raise_compiler_error(
        "star_except has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}
