-- Crosses a leap day; the end date is exclusive.
{{ dbt_utils.date_spine(
    datepart='day',
    start_date="cast('2024-02-27' as date)",
    end_date="cast('2024-03-02' as date)"
) }}
