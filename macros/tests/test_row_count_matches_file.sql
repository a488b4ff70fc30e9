{#- The landed table holds every row of its file: rows in the model = lines the
    loader counted in the file (`line_count` of the loader's `raw_files` table)
    minus the header and minus the blank lines (which the CSV reader skips and
    the loader counts apart, `blank_line_count`). Fails with one row naming the
    file, both counts and how many rows differ; also when the loader recorded no
    line count for the file. -#}
{% test row_count_matches_file(model, files, table_name, header_lines=1) %}

with landed as (
    select count(*) as landed_row_count from {{ model }}
),

file_lines as (
    select
        file_path,
        line_count - {{ header_lines }} - coalesce(blank_line_count, 0)
            as file_data_row_count
    from {{ files }}
    where table_name = '{{ table_name }}'
),

compared as (
    select
        '{{ table_name }}' as table_name,
        file_lines.file_path,
        landed.landed_row_count,
        file_lines.file_data_row_count,
        landed.landed_row_count - file_lines.file_data_row_count
            as rows_landed_minus_file_rows
    from landed
    left join file_lines on true
)

select * from compared
where
    file_data_row_count is null
    or landed_row_count <> file_data_row_count

{% endtest %}
