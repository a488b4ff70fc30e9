with title_genres as (
    select * from {{ ref('int_title_genres_unnested') }}
),

known_genres as (
    select
        genre_name,
        false as is_unknown_member
    from title_genres
    group by genre_name
),

unknown_member as (
    select
        '-1' as genre_name,
        true as is_unknown_member
),

final as (
    select * from unknown_member
    union all
    select * from known_genres
)

select * from final
