-- title.ratings: about one title in eight is rated (all forced and day-2 titles are); on
-- day 2 some ratings and vote counts change. A few rows carry a bad value or are doubled.
with rated as (
    select
        r.i,
        case
            when r.i = 1 then 5.8
            else round(1 + 9 * (rnd(r.i, 'ar1') + rnd(r.i, 'ar2') + rnd(r.i, 'ar3')) / 3, 1)
        end as rating0,
        case when r.i = 1 then 1472 else 5 + floor(exp(rnd(r.i, 'nv') * 12))::bigint end
            as votes0,
        rnd(r.i, 'rdup') < 0.0003 or r.i = {{ forced_ratings_dup }} as is_dup,
        rnd(r.i, 'rconf') < 0.0002 or r.i = {{ forced_ratings_conflict }} as is_conflict,
        {{ day_two }} and r.i <= {{ titles }}
        and (r.i = {{ forced_ratings_change }} or rnd(r.i, 'd2r') < 0.01) as is_changed,
        rnd(r.i, 'd2kind') as change_kind
    from range(1, {{ title_rows + 1 }}) as r (i)
    where r.i <= {{ forced_last }} or r.i > {{ titles }} or rnd(r.i, 'rated') < 0.133
),

changed as (
    select
        *,
        case
            when is_changed and (change_kind < 0.4 or change_kind >= 0.7)
                then
                    case
                        when rating0 >= 9.8 then rating0 - 0.2
                        when rating0 <= 1.2 then rating0 + 0.2
                        else rating0 + ([-0.3, -0.2, -0.1, 0.1, 0.2, 0.3])[
                            1 + hk(i, 'd2delta', 6)
                        ]
                    end
            else rating0
        end as rating,
        case
            when is_changed and change_kind >= 0.4
                then votes0 + 1 + hk(i, 'd2votes', 50)
            else votes0
        end as votes
    from rated
),

copies as (
    select
        *,
        unnest(written_copies(is_dup, is_conflict)) as copy_no
    from changed
)

select
    tconst(i) as tconst,
    case
        when i = {{ forced_ratings_high }} then '10.4'
        else printf('%.1f', rating)
    end as "averageRating",
    case
        when i = {{ forced_ratings_text }} then '12k'
        when copy_no = 1 and is_conflict then (votes + 1)::varchar
        else votes::varchar
    end as "numVotes"
from copies
