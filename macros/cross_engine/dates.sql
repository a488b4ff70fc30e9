{#- Calendar functions that are named differently on each engine. -#}

{#- The ISO day of the week: 1 for Monday to 7 for Sunday. -#}
{% macro iso_day_of_week(date) -%}
    {{ return(adapter.dispatch('iso_day_of_week')(date)) }}
{%- endmacro %}

{% macro duckdb__iso_day_of_week(date) -%}
    isodow({{ date }})
{%- endmacro %}

{% macro spark__iso_day_of_week(date) -%}
    (weekday({{ date }}) + 1)
{%- endmacro %}

{% macro default__iso_day_of_week(date) -%}
    {{ exceptions.raise_compiler_error(
        "iso_day_of_week has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The English name of the month (`January`). -#}
{% macro month_name(date) -%}
    {{ return(adapter.dispatch('month_name')(date)) }}
{%- endmacro %}

{% macro duckdb__month_name(date) -%}
    monthname({{ date }})
{%- endmacro %}

{% macro spark__month_name(date) -%}
    date_format({{ date }}, 'MMMM')
{%- endmacro %}

{% macro default__month_name(date) -%}
    {{ exceptions.raise_compiler_error(
        "month_name has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}

{#- The English name of the day of the week (`Monday`). -#}
{% macro day_name(date) -%}
    {{ return(adapter.dispatch('day_name')(date)) }}
{%- endmacro %}

{% macro duckdb__day_name(date) -%}
    dayname({{ date }})
{%- endmacro %}

{% macro spark__day_name(date) -%}
    date_format({{ date }}, 'EEEE')
{%- endmacro %}

{% macro default__day_name(date) -%}
    {{ exceptions.raise_compiler_error(
        "day_name has no implementation for the " ~ adapter.type() ~ " adapter"
    ) }}
{%- endmacro %}
