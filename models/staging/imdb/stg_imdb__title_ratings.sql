{#- No import CTE: imdb_deduplicate reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ imdb_deduplicate(
        relation=ref('base_imdb__title_ratings'),
        keys=[
            ['title_id', imdb_id('"tconst"', 'tt')],
        ],
        columns=[
            'tconst', 'averageRating', 'numVotes',
        ],
    ) }}
),

typed as (
    select
        title_id,
        raw_row['tconst'] as title_tconst,
        {{ imdb_rating("raw_row['averageRating']") }} as average_rating,
        {{ imdb_integer("raw_row['numVotes']", min_value=0) }} as num_votes,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        * exclude (raw_row),
        {{ imdb_rejected_columns([
            ['averageRating', 'average_rating'],
            ['numVotes', 'num_votes'],
        ]) }} as rejected_columns
    from typed
)

select * from final
