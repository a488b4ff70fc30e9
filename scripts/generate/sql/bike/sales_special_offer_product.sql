-- Sales.SpecialOfferProduct: the generated (special offer, product) pairs.
select
    concat_ws(
        ';',
        special_offer_id,
        product_id,
        guid('sop', special_offer_id || '-' || product_id),
        case
            when special_offer_id = 1 then '2011-04-01 00:00:00.000'
            else ts(timestamp '2011-05-01' + to_days((special_offer_id * 53)::integer))
        end
    ) as csv_line
from sop
order by special_offer_id, product_id
