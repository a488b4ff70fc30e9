{#- No import CTE: collapse_duplicates reads the landed table three times (DuckDB
    may materialize a CTE that is referenced more than once). -#}
with deduplicated as (
    {{ collapse_duplicates(
        relation=ref('base_imdb__title_ratings'),
        keys=[
            ['title_id', 'title_id'],
        ],
        columns=[
            'tconst_raw', 'averagerating', 'numvotes',
        ],
        strategy='split_repeated',
    ) }}
),

typed as (
    select
        title_id,
        {{ imdb_id_text('title_id', 'tconst_raw', 'tt') }} as title_tconst,
        {{ imdb_rating("averagerating") }} as average_rating,
        {{ imdb_integer("numvotes", min_value=0) }} as num_votes,
        source_row_count,
        has_key_conflict,
        averagerating as raw_averagerating,
        numvotes as raw_numvotes
    from deduplicated
),

final as (
    select
        {{ star_except(['raw_averagerating', 'raw_numvotes']) }},
        {{ rejected_columns([
            ['averageRating', 'raw_averagerating', 'average_rating'],
            ['numVotes', 'raw_numvotes', 'num_votes'],
        ], missing=imdb_null) }} as rejected_columns
    from typed
)

select * from final
