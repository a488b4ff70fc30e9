{#- Landing with the identifiers cast (used by every `base_imdb__*` model). A
    value is "canonical" when the file's text is exactly what the typed value
    prints back to: `tt` or `nm` and the number padded to
    7 digits (8-digit ids unpadded); a whole number without leading zeros.
    Canonical values land typed only; any other text lands in `<column>_raw`
    beside the typed value (NULL when the text does not parse), so the file's
    text can always be rebuilt with imdb_id_text / imdb_integer_text. -#}

{#- True when `expression` is an IMDB identifier written as IMDB writes it. -#}
{% macro imdb_is_canonical_id(expression, prefix) -%}
    {{ regexp_full_match(expression, prefix ~ "([0-9]{7}|[1-9][0-9]{7,17})") }}
{%- endmacro %}


{#- True when `expression` is a whole number written without sign or leading zeros. -#}
{% macro imdb_is_canonical_integer(expression) -%}
    {{ regexp_full_match(expression, "0|[1-9][0-9]{0,8}") }}
{%- endmacro %}


{#- The identifier as BIGINT: canonical text is cast directly; any other text
    goes through imdb_id's full check. `is_canonical` is imdb_is_canonical_id
    of the same text, computed once in an earlier select. -#}
{% macro imdb_landed_id(expression, prefix, is_canonical) -%}
    case
        when {{ is_canonical }}
            then cast(substr({{ expression }}, {{ prefix | length + 1 }}) as bigint)
        else {{ imdb_id(expression, prefix) }}
    end
{%- endmacro %}


{#- The whole number as INTEGER (no range check: that is staging's rule). -#}
{% macro imdb_landed_integer(expression, is_canonical) -%}
    case
        when {{ is_canonical }} then cast({{ expression }} as integer)
        else {{ imdb_integer(expression) }}
    end
{%- endmacro %}


{#- The file's text when it is not canonical (`\N`, empty, malformed, padded), else NULL. -#}
{% macro imdb_landed_raw(expression, is_canonical) -%}
    case when not {{ is_canonical }} then {{ expression }} end
{%- endmacro %}


{#- The file's text of a landed identifier: the kept text, else the canonical one. -#}
{% macro imdb_id_text(id_column, raw_column, prefix) -%}
    coalesce({{ raw_column }}, printf('{{ prefix }}%07d', {{ id_column }}))
{%- endmacro %}


{#- The file's text of a landed whole number: the kept text, else the number. -#}
{% macro imdb_integer_text(value_column, raw_column) -%}
    coalesce({{ raw_column }}, cast({{ value_column }} as {{ dbt.type_string() }}))
{%- endmacro %}
