{#- rejected_columns is consistent in every bike staging model: each listed
    column names a column that can be rejected, and its cleaned value is NULL.
    Returns one row per offending (model, column). -#}
{%- set models = {
    'stg_bike__sales_order_headers': {
        'CustomerID': 'customer_id', 'SalesPersonID': 'sales_person_id',
        'TerritoryID': 'territory_id', 'BillToAddressID': 'bill_to_address_id',
        'ShipToAddressID': 'ship_to_address_id', 'ShipMethodID': 'ship_method_id',
        'CreditCardID': 'credit_card_id', 'CurrencyRateID': 'currency_rate_id',
        'RevisionNumber': 'revision_number', 'Status': 'order_status',
        'SubTotal': 'subtotal', 'TaxAmt': 'tax_amount', 'Freight': 'freight',
        'TotalDue': 'total_due', 'OnlineOrderFlag': 'is_online_order',
        'OrderDate': 'ordered_at', 'DueDate': 'due_at', 'ShipDate': 'shipped_at',
        'ModifiedDate': 'modified_at', 'rowguid': 'row_guid',
    },
    'stg_bike__sales_order_details': {
        'ProductID': 'product_id', 'SpecialOfferID': 'special_offer_id',
        'OrderQty': 'order_quantity', 'UnitPrice': 'unit_price',
        'UnitPriceDiscount': 'unit_price_discount', 'LineTotal': 'line_total',
        'ModifiedDate': 'modified_at', 'rowguid': 'row_guid',
    },
    'stg_bike__customers': {
        'PersonID': 'person_id', 'StoreID': 'store_id', 'TerritoryID': 'territory_id',
        'ModifiedDate': 'modified_at', 'rowguid': 'row_guid',
    },
    'stg_bike__persons': {
        'PersonType': 'person_type', 'EmailPromotion': 'email_promotion',
        'NameStyle': 'is_eastern_name_style', 'ModifiedDate': 'modified_at',
        'rowguid': 'row_guid',
    },
    'stg_bike__products': {
        'ProductSubcategoryID': 'product_subcategory_id',
        'ProductModelID': 'product_model_id', 'ProductLine': 'product_line',
        'Class': 'product_class', 'Style': 'product_style',
        'SafetyStockLevel': 'safety_stock_level', 'ReorderPoint': 'reorder_point',
        'StandardCost': 'standard_cost', 'ListPrice': 'list_price', 'Weight': 'weight',
        'DaysToManufacture': 'days_to_manufacture', 'MakeFlag': 'is_made_in_house',
        'FinishedGoodsFlag': 'is_finished_good', 'SellStartDate': 'sell_started_at',
        'SellEndDate': 'sell_ended_at', 'DiscontinuedDate': 'discontinued_at',
        'ModifiedDate': 'modified_at', 'rowguid': 'row_guid',
    },
    'stg_bike__special_offer_products': {
        'ModifiedDate': 'modified_at', 'rowguid': 'row_guid',
    },
} -%}

{%- for model_name, columns in models.items() %}
{{ "union all" if not loop.first }}
select
    '{{ model_name }}' as model_name,
    rejected.column_name,
    'listed as rejected but not NULL' as problem
from (
    select
        staged.*,
        {{ unnest_with_position('staged.rejected_columns', 'column_name', 'column_position') }}
    from {{ ref(model_name) }} as staged
) as rejected
where
    {%- for raw_name, clean_name in columns.items() %}
    {{ "or" if not loop.first }} (
        rejected.column_name = '{{ raw_name }}'
        and rejected.{{ clean_name }} is not null
    )
    {%- endfor %}
union all
select
    '{{ model_name }}' as model_name,
    rejected.column_name,
    'not a column that can be rejected' as problem
from (
    select
        {{ unnest_with_position('staged.rejected_columns', 'column_name', 'column_position') }}
    from {{ ref(model_name) }} as staged
) as rejected
where rejected.column_name not in (
    {%- for raw_name in columns %}'{{ raw_name }}'{{ ", " if not loop.last }}{% endfor -%}
)
{%- endfor %}
