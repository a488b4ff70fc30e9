{#- One row per parsed key, for every staging model of both domains.

    Renders a select (the body of the model's `deduplicated` CTE) returning the
    key columns, each column of `columns` (of the kept row) under its own name,
    `source_row_count` (how many raw rows the key stands for) and
    `has_key_conflict` (the key's raw rows differ in `columns`). The kept row is
    the smallest of the key's rows compared as a whole, so a rebuild keeps the
    same row. Rows whose key does not parse are left out: they are the model's
    `_rejected` view.

    `keys` is a list of [name, expression] pairs (the expression parses the key
    from the raw columns); `columns` names the raw columns compared and kept.

    Two strategies give the same rows:
    - `aggregate` (the default) groups every row on its key: one read, every
      row's payload in the aggregate. For the bike files (thousands of rows).
    - `split_repeated` reads the relation three times, each read streamed:
      1. the keys seen more than once (a hash aggregate of keys only, the only
         thing materialized);
      2. every row whose key is not among them, passed straight through
         (source_row_count 1, no conflict);
      3. the few rows whose key is among them, grouped as in `aggregate`.
      For the IMDB files (up to ~100M rows with a few duplicates per 10k), where
      aggregating every row's payload would hold the file in memory. The keyed
      subquery is written out at each of the three places on purpose: DuckDB
      may materialize a CTE that is referenced more than once (even one
      declared `not materialized`). For the same reason `relation` must then be
      a relation (a landed table or a source), not the name of an import CTE,
      and key expressions should be cheap: they are evaluated in each read. -#}
{% macro collapse_duplicates(relation, keys, columns, strategy='aggregate') -%}
    {%- if strategy == 'aggregate' -%}
        {{ collapse_duplicates_aggregate(relation, keys, columns) }}
    {%- elif strategy == 'split_repeated' -%}
        {{ collapse_duplicates_split_repeated(relation, keys, columns) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "collapse_duplicates: unknown strategy '" ~ strategy
            ~ "' (use 'aggregate' or 'split_repeated')"
        ) }}
    {%- endif -%}
{%- endmacro %}


{#- The rows of `relation` with each key parsed, as a subquery aliased `keyed`. -#}
{% macro collapse_duplicates_keyed(relation, keys, columns) -%}
    (
        select
            {%- for key_name, key_expression in keys %}
            {{ key_expression }} as {{ key_name }},
            {%- endfor %}
            {%- for column in columns %}
            {{ adapter.quote(column) }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ relation }}
    ) as keyed
{%- endmacro %}


{#- `keyed.<key> is not null` for every key, joined with `and`. -#}
{% macro collapse_duplicates_keys_present(keys) -%}
    {%- for key_name, key_expression in keys %}
        {{ 'and ' if not loop.first }}keyed.{{ key_name }} is not null
    {%- endfor %}
{%- endmacro %}


{#- Groups the keyed rows on their keys: the kept row, the count, the conflict. -#}
{% macro collapse_duplicates_grouped(keyed, keys, columns, join=none) -%}
    select
        {%- for key_name, key_expression in keys %}
        keyed.{{ key_name }},
        {%- endfor %}
        min({{ struct_of(columns, 'keyed') }}) as kept_row,
        cast(count(*) as integer) as source_row_count,
        min({{ struct_of(columns, 'keyed') }})
            <> max({{ struct_of(columns, 'keyed') }})
            as has_key_conflict
    from {{ keyed }}
    {%- if join %}
    {{ join }}
    {%- else %}
    where {{ collapse_duplicates_keys_present(keys) }}
    {%- endif %}
    group by
        {%- for key_name, key_expression in keys %}
        keyed.{{ key_name }}{{ ',' if not loop.last }}
        {%- endfor %}
{%- endmacro %}


{#- The grouped rows with the kept row's columns under their own names. -#}
{% macro collapse_duplicates_flatten(grouped, alias, keys, columns) -%}
    select
        {%- for key_name, key_expression in keys %}
        {{ alias }}.{{ key_name }},
        {%- endfor %}
        {%- for column in columns %}
        {{ alias }}.kept_row.{{ adapter.quote(column) }},
        {%- endfor %}
        {{ alias }}.source_row_count,
        {{ alias }}.has_key_conflict
    from {{ grouped }}
{%- endmacro %}


{% macro collapse_duplicates_aggregate(relation, keys, columns) -%}
    {%- set grouped -%}
        (
            {{ collapse_duplicates_grouped(
                collapse_duplicates_keyed(relation, keys, columns), keys, columns
            ) }}
        ) as collapsed_rows
    {%- endset -%}
    {{ collapse_duplicates_flatten(grouped, 'collapsed_rows', keys, columns) }}
{%- endmacro %}


{% macro collapse_duplicates_split_repeated(relation, keys, columns) -%}
    {%- set keyed = collapse_duplicates_keyed(relation, keys, columns) -%}
    {%- set key_match -%}
        {%- for key_name, key_expression in keys %}
            {{ 'and ' if not loop.first }}keyed.{{ key_name }} = repeated_keys.{{ key_name }}
        {%- endfor %}
    {%- endset -%}
    with repeated_keys as (
        select
            {%- for key_name, key_expression in keys %}
            keyed.{{ key_name }},
            {%- endfor %}
            count(*) as key_row_count
        from {{ keyed }}
        where {{ collapse_duplicates_keys_present(keys) }}
        group by
            {%- for key_name, key_expression in keys %}
            keyed.{{ key_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        having count(*) > 1
    ),

    single_rows as (
        select
            {%- for key_name, key_expression in keys %}
            keyed.{{ key_name }},
            {%- endfor %}
            {%- for column in columns %}
            keyed.{{ adapter.quote(column) }},
            {%- endfor %}
            cast(1 as integer) as source_row_count,
            false as has_key_conflict
        from {{ keyed }}
        left join repeated_keys
            on {{ key_match }}
        where {{ collapse_duplicates_keys_present(keys) }}
            and repeated_keys.key_row_count is null
    ),

    collapsed_rows as (
        {{ collapse_duplicates_grouped(
            keyed, keys, columns,
            join='inner join repeated_keys on ' ~ key_match,
        ) }}
    )

    select * from single_rows
    union all
    {{ collapse_duplicates_flatten('collapsed_rows', 'collapsed_rows', keys, columns) }}
{%- endmacro %}
