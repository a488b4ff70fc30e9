{{ config(severity='warn') }}
{#- The (special_offer_id, product_id) of every order line is a row of
    SpecialOfferProduct, as the foreign key of the source promises. A line without
    its pair is left out of question 2 (which must join SpecialOfferProduct);
    this warns when the source breaks the promise. -#}
select
    order_lines.sales_order_id,
    order_lines.sales_order_detail_id,
    order_lines.special_offer_id,
    order_lines.product_id
from {{ ref('fct_sales_order_lines') }} as order_lines
left join {{ ref('bdg_special_offer_products') }} as special_offer_products
    on
        order_lines.special_offer_id = special_offer_products.special_offer_id
        and order_lines.product_id = special_offer_products.product_id
where special_offer_products.product_id is null
