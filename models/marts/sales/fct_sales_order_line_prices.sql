with order_lines as (
    select * from {{ ref('fct_sales_order_lines') }}
),

product_versions as (
    select * from {{ ref('snap_bike__products') }}
),

versions_ordered as (
    select
        product_id,
        dbt_scd_id as product_version_id,
        list_price,
        modified_at,
        dbt_valid_from,
        lag(modified_at) over (
            partition by product_id order by dbt_valid_from
        ) as previous_modified_at,
        row_number() over (
            partition by product_id order by dbt_valid_from
        ) as version_number
    from product_versions
),

-- The business date from which each version's list price applies (see the model's docs):
-- the first known version since the beginning; a later one since its ModifiedDate when the
-- source moved it forward (never later than the load that saw it), else since that load.
effective_candidates as (
    select
        *,
        case
            when version_number = 1
                then cast('1900-01-01' as timestamp)
            when modified_at > previous_modified_at
                then least(modified_at, dbt_valid_from)
            else dbt_valid_from
        end as candidate_effective_from
    from versions_ordered
),

-- A running maximum keeps the periods in version order even when the source's dates are
-- inconsistent; a version overtaken this way gets an empty period and never matches.
price_periods as (
    select
        product_id,
        product_version_id,
        version_number,
        list_price,
        max(candidate_effective_from) over (
            partition by product_id order by dbt_valid_from
            rows between unbounded preceding and current row
        ) as effective_from
    from effective_candidates
),

price_periods_closed as (
    select
        *,
        coalesce(
            lead(effective_from) over (
                partition by product_id order by version_number
            ),
            cast('9999-12-31' as timestamp)
        ) as effective_to
    from price_periods
),

final as (
    select
        order_lines.sales_order_id,
        order_lines.sales_order_detail_id,
        order_lines.product_id,
        price_periods_closed.product_version_id,
        price_periods_closed.version_number as product_version_number,
        order_lines.order_quantity,
        price_periods_closed.list_price,
        order_lines.unit_price,
        order_lines.unit_price_discount,
        order_lines.unit_price * (1 - order_lines.unit_price_discount)
            as net_unit_price,
        order_lines.unit_price - price_periods_closed.list_price
            as unit_price_minus_list_price,
        price_periods_closed.product_version_id is not null as has_list_price,
        order_lines.order_date,
        order_lines.ordered_at,
        price_periods_closed.effective_from as list_price_effective_from,
        price_periods_closed.effective_to as list_price_effective_to
    from order_lines
    left join price_periods_closed
        on
            order_lines.product_id = price_periods_closed.product_id
            and order_lines.ordered_at >= price_periods_closed.effective_from
            and order_lines.ordered_at < price_periods_closed.effective_to
)

select * from final
