select
    {{ dbt_utils.star(
        ref('mac_star_input'), except=['is_deleted'], quote_identifiers=false
    ) }}
from {{ ref('mac_star_input') }}
