{#- Cleaning rules for the IMDB raw files. Each rule is written once here and
    used by the staging models in models/staging/imdb/. Every macro takes the
    raw VARCHAR expression as IMDB wrote it (with its `\N` for NULL) and returns
    the typed value, or NULL when the value does not fit. -#}

{#- `\N` (IMDB's NULL marker) and the empty string become NULL. -#}
{% macro imdb_null(expression) -%}
    nullif(nullif({{ expression }}, {{ quoted_text('\\N') }}), '')
{%- endmacro %}


{#- An IMDB identifier (`tt0000001`, `nm10000001`) without its prefix, as
    BIGINT. 7- and 8-digit numbers both fit; anything else is NULL. -#}
{% macro imdb_id(expression, prefix) -%}
    case
        when {{ regexp_full_match(imdb_null(expression), prefix ~ "[0-9]{1,18}") }}
            then {{ try_cast('substr(' ~ expression ~ ', ' ~ (prefix | length + 1) ~ ')',
                             'bigint') }}
    end
{%- endmacro %}


{#- A whole number written with digits only (no sign, decimals or exponent),
    kept when it lies in [min_value, max_value]. -#}
{% macro imdb_integer(expression, min_value=none, max_value=none) -%}
    case
        when {{ regexp_full_match(imdb_null(expression), "[0-9]{1,9}") }}
            {%- if min_value is not none %}
            and {{ try_cast(expression, 'integer') }} >= {{ min_value }}
            {%- endif %}
            {%- if max_value is not none %}
            and {{ try_cast(expression, 'integer') }} <= {{ max_value }}
            {%- endif %}
            then {{ try_cast(expression, 'integer') }}
    end
{%- endmacro %}


{#- A year between `min_year` (default var imdb_min_year) and the current year
    plus `max_years_ahead` (default var imdb_max_years_ahead). -#}
{% macro imdb_year(expression, min_year=none, max_years_ahead=none) -%}
    {%- set min_year = var('imdb_min_year') if min_year is none else min_year -%}
    {%- set ahead = var('imdb_max_years_ahead') if max_years_ahead is none
        else max_years_ahead -%}
    {{ imdb_integer(
        expression,
        min_value=min_year,
        max_value='extract(year from current_date) + ' ~ ahead,
    ) }}
{%- endmacro %}


{#- IMDB's `0` / `1` flags as booleans; anything else is NULL. -#}
{% macro imdb_boolean(expression) -%}
    case {{ imdb_null(expression) }}
        when '0' then false
        when '1' then true
    end
{%- endmacro %}


{#- An average rating as DECIMAL(3,1), kept when it lies in [1, 10]. -#}
{% macro imdb_rating(expression) -%}
    case
        when {{ regexp_full_match(imdb_null(expression), "[0-9]{1,2}(\\.[0-9]+)?") }}
            and {{ try_cast(expression, 'decimal(3,1)') }} between 1 and 10
            then {{ try_cast(expression, 'decimal(3,1)') }}
    end
{%- endmacro %}


{#- A list of text values separated by `separator` (`,` for genres and
    professions, the control character \x02 for akas types and attributes). -#}
{% macro imdb_text_list(expression, separator="','") -%}
    {{ split_text(imdb_null(expression), separator) }}
{%- endmacro %}


{#- A comma-separated list of IMDB identifiers as BIGINT[]. The whole list is
    NULL (and so rejected) when any element is not an identifier. -#}
{% macro imdb_id_list(expression, prefix) -%}
    case
        when {{ regexp_full_match(
            imdb_null(expression),
            prefix ~ "[0-9]{1,18}(," ~ prefix ~ "[0-9]{1,18})*",
        ) }}
            then {{ try_cast_elements(
                split_text("replace(" ~ expression ~ ", '" ~ prefix ~ "', '')", "','"),
                'bigint',
            ) }}
    end
{%- endmacro %}


{#- A JSON array of strings (`["Himself", "Jack \"The Ripper\""]`) as
    VARCHAR[], escapes decoded. Not valid JSON, or not an array: NULL. -#}
{% macro imdb_json_string_list(expression) -%}
    {{ json_string_array(imdb_null(expression)) }}
{%- endmacro %}

