-- The generated persons: consecutive ids from 1, one block per person type, in the order
-- of `person_types` and sized by `person_counts`.
create or replace table person_base as
with type_counts as (
    select
        unnest(range(1, {{ person_types | length }} + 1)) as type_no,
        unnest({{ person_types }}) as person_type,
        unnest({{ person_counts }}) as person_count
),

blocks as (
    select
        person_type,
        (sum(person_count) over (order by type_no) - person_count + 1)::bigint as first_id,
        (sum(person_count) over (order by type_no) + 1)::bigint as end_id
    from type_counts
)

select
    r.i::integer as business_entity_id,
    blocks.person_type
from blocks, range(blocks.first_id, blocks.end_id) as r (i)
order by business_entity_id
