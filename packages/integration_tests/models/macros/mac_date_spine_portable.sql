-- The adapter-neutral implementation (not the DuckDB one), over 12 days so that
-- the digits cross join needs two digits.
{{ dbt_utils.default__date_spine(
    'day',
    "cast('2024-02-20' as date)",
    "cast('2024-03-03' as date)"
) }}
