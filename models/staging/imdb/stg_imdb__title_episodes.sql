{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__title_episodes'),
        keys=[
            ['episode_title_id', imdb_id('"tconst"', 'tt')],
        ],
        columns=[
            'tconst', 'parentTconst', 'seasonNumber', 'episodeNumber',
        ],
    ) }}
),

typed as (
    select
        episode_title_id,
        {{ imdb_id("raw_row['parentTconst']", 'tt') }} as parent_title_id,
        raw_row['tconst'] as episode_tconst,
        {{ imdb_null("raw_row['parentTconst']") }} as parent_tconst,
        {{ imdb_integer("raw_row['seasonNumber']", min_value=0) }} as season_number,
        {{ imdb_integer("raw_row['episodeNumber']", min_value=0) }}
            as episode_number,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['parentTconst', 'parent_title_id'],
            ['seasonNumber', 'season_number'],
            ['episodeNumber', 'episode_number'],
        ]) }} as rejected_columns
    from typed
)

select * from final
