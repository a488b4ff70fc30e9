{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). The landed table
    already holds the title id cast; an ordering below 1 is not a key. -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__title_akas'),
        keys=[
            ['title_id', 'title_id'],
            ['ordering', 'case when ordering >= 1 then ordering end'],
        ],
        columns=[
            'titleid_raw', 'ordering_raw', 'title', 'region', 'language', 'types',
            'attributes', 'isoriginaltitle',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        title_id,
        ordering,
        {{ imdb_null('title') }} as aka_title,
        {{ imdb_null('region') }} as region_code,
        {{ imdb_null('language') }} as language_code,
        {#- `types` is a keyword, but it is IMDB's name and the column contract. -#}
        {{ imdb_text_list('types', separator='chr(2)') }}
            as types,  -- noqa: RF04
        {{ imdb_text_list('attributes', separator='chr(2)') }}
            as attributes,
        {{ imdb_boolean('isoriginaltitle') }} as is_original_title,
        source_row_count,
        has_key_conflict,
        isoriginaltitle as raw_isoriginaltitle
    from deduplicated
),

final as (
    select
        {{ star_except(['raw_isoriginaltitle']) }},
        {{ rejected_columns([
            ['isOriginalTitle', 'raw_isoriginaltitle', 'is_original_title'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
