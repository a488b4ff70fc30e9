{#- Collapses the landed rows of one IMDB file to one row per parsed key, without
    aggregating the payload of every row (IMDB files hold up to ~100M rows with
    only a few duplicates per 10k).

    Renders one select (usable as the body of a CTE) returning the key columns,
    every column of `columns` under its landed name, `source_row_count` and
    `has_key_conflict`. Rows whose key does not parse are left out (they go to
    the model's `_rejected` view).

    How: the landed relation (the table `base_imdb__*`) is read three times,
    each read streamed row by row:
    1. the keys seen more than once (a hash aggregate carrying only the keys,
       no payload; the result is small and is the only thing materialized);
    2. every row whose key is not among them passes straight through, column
       by column (source_row_count 1, no conflict);
    3. the few rows whose key is among them are grouped: the kept row is the
       smallest landed row (`min` of the row as a struct), and the key is in
       conflict when the smallest and the largest rows differ.
    The keyed subquery is written out at each of the three places on purpose:
    DuckDB may materialize a CTE that is referenced more than once (even one
    declared `not materialized`), which would hold the whole file in memory.
    For the same reason `relation` must be a relation (the landed table or a
    source), not the name of an import CTE. Key expressions should be cheap
    (a landed typed column, or one parse): they are evaluated in each read. -#}
{% macro imdb_deduplicate(relation, keys, columns) -%}
    {%- set key_names = keys | map(attribute=0) | list -%}
    {%- set keyed -%}
        (
            select
                {%- for key_name, key_expression in keys %}
                {{ key_expression }} as {{ key_name }},
                {%- endfor %}
                {%- for column in columns %}
                {{ adapter.quote(column) }}{{ ',' if not loop.last }}
                {%- endfor %}
            from {{ relation }}
        ) as imdb_keyed
    {%- endset -%}
    {%- set key_not_null -%}
        {%- for key_name in key_names %}
            {{ 'and ' if not loop.first }}imdb_keyed.{{ key_name }} is not null
        {%- endfor %}
    {%- endset -%}
    {%- set key_join -%}
        {%- for key_name in key_names %}
            {{ 'and ' if not loop.first }}imdb_keyed.{{ key_name }}
                = imdb_duplicate_keys.{{ key_name }}
        {%- endfor %}
    {%- endset -%}
    with imdb_duplicate_keys as (
        select
            {%- for key_name in key_names %}
            imdb_keyed.{{ key_name }},
            {%- endfor %}
            count(*) as key_row_count
        from {{ keyed }}
        where {{ key_not_null }}
        group by
            {%- for key_name in key_names %}
            imdb_keyed.{{ key_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        having count(*) > 1
    ),

    imdb_single_rows as (
        select
            {%- for key_name in key_names %}
            imdb_keyed.{{ key_name }},
            {%- endfor %}
            {%- for column in columns %}
            imdb_keyed.{{ adapter.quote(column) }},
            {%- endfor %}
            cast(1 as integer) as source_row_count,
            false as has_key_conflict
        from {{ keyed }}
        left join imdb_duplicate_keys
            on {{ key_join }}
        where {{ key_not_null }}
            and imdb_duplicate_keys.key_row_count is null
    ),

    imdb_collapsed_rows as (
        select
            {%- for key_name in key_names %}
            imdb_keyed.{{ key_name }},
            {%- endfor %}
            min({{ imdb_raw_row(columns, 'imdb_keyed') }}) as kept_row,
            cast(count(*) as integer) as source_row_count,
            min({{ imdb_raw_row(columns, 'imdb_keyed') }})
                <> max({{ imdb_raw_row(columns, 'imdb_keyed') }})
                as has_key_conflict
        from {{ keyed }}
        inner join imdb_duplicate_keys
            on {{ key_join }}
        group by
            {%- for key_name in key_names %}
            imdb_keyed.{{ key_name }}{{ ',' if not loop.last }}
            {%- endfor %}
    )

    select
        {%- for key_name in key_names %}
        imdb_single_rows.{{ key_name }},
        {%- endfor %}
        {%- for column in columns %}
        imdb_single_rows.{{ adapter.quote(column) }},
        {%- endfor %}
        imdb_single_rows.source_row_count,
        imdb_single_rows.has_key_conflict
    from imdb_single_rows
    union all
    select
        {%- for key_name in key_names %}
        imdb_collapsed_rows.{{ key_name }},
        {%- endfor %}
        {%- for column in columns %}
        imdb_collapsed_rows.kept_row.{{ adapter.quote(column) }},
        {%- endfor %}
        imdb_collapsed_rows.source_row_count,
        imdb_collapsed_rows.has_key_conflict
    from imdb_collapsed_rows
{%- endmacro %}
