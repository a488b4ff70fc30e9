{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__title_akas'),
        keys=[
            ['title_id', imdb_id('"titleId"', 'tt')],
            ['ordering', imdb_integer('"ordering"', min_value=1)],
        ],
        columns=[
            'titleId', 'ordering', 'title', 'region', 'language', 'types',
            'attributes', 'isOriginalTitle',
        ],
    ) }}
),

typed as (
    select
        title_id,
        ordering,
        {{ imdb_null("raw_row['title']") }} as aka_title,
        {{ imdb_null("raw_row['region']") }} as region_code,
        {{ imdb_null("raw_row['language']") }} as language_code,
        {#- `types` is a keyword, but it is IMDB's name and the column contract. -#}
        {{ imdb_text_list("raw_row['types']", separator='chr(2)') }}
            as types,  -- noqa: RF04
        {{ imdb_text_list("raw_row['attributes']", separator='chr(2)') }}
            as attributes,
        {{ imdb_boolean("raw_row['isOriginalTitle']") }} as is_original_title,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['isOriginalTitle', 'is_original_title'],
        ]) }} as rejected_columns
    from typed
)

select * from final
