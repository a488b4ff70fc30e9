{#- The landed table holds every line of its file: rows in the model = lines the
    loader counted in the file (`line_count` of the loader's `raw_files` table)
    minus the header. Fails with one row showing both counts, also when the
    loader recorded no line count for the file. -#}
{% test row_count_matches_file(model, files, table_name, header_lines=1) %}

with landed as (
    select count(*) as row_count from {{ model }}
),

file_lines as (
    select line_count from {{ files }}
    where table_name = '{{ table_name }}'
),

compared as (
    select
        landed.row_count as landed_row_count,
        file_lines.line_count - {{ header_lines }} as file_data_line_count
    from landed
    left join file_lines on true
)

select * from compared
where file_data_line_count is null or landed_row_count <> file_data_line_count

{% endtest %}
