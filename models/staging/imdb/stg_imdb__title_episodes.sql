{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__title_episodes'),
        keys=[
            ['episode_title_id', 'episode_title_id'],
        ],
        columns=[
            'tconst_raw', 'parent_title_id', 'parenttconst_raw', 'seasonnumber',
            'episodenumber',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        episode_title_id,
        parent_title_id,
        {{ imdb_id_text('episode_title_id', 'tconst_raw', 'tt') }} as episode_tconst,
        {{ imdb_null(imdb_id_text('parent_title_id', 'parenttconst_raw', 'tt')) }}
            as parent_tconst,
        {{ imdb_integer("seasonnumber", min_value=0) }} as season_number,
        {{ imdb_integer("episodenumber", min_value=0) }}
            as episode_number,
        source_row_count,
        has_key_conflict,
        parenttconst_raw as raw_parenttconst,
        seasonnumber as raw_seasonnumber,
        episodenumber as raw_episodenumber
    from deduplicated
),

final as (
    select
        {{ star_except([
            'raw_parenttconst', 'raw_seasonnumber', 'raw_episodenumber',
        ]) }},
        {{ rejected_columns([
            ['episodeNumber', 'raw_episodenumber', 'episode_number'],
            ['parentTconst', 'raw_parenttconst', 'parent_title_id'],
            ['seasonNumber', 'raw_seasonnumber', 'season_number'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
