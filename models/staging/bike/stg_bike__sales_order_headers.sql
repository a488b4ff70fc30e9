with source as (
    select * from {{ source('bike', 'sales_order_header') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['sales_order_id', bike_id('SalesOrderID')],
        ],
    ) }}
),

typed as (
    select
        sales_order_id,
        {{ bike_id("raw_row['CustomerID']") }} as customer_id,
        {{ bike_id("raw_row['SalesPersonID']") }} as sales_person_id,
        {{ bike_id("raw_row['TerritoryID']") }} as territory_id,
        {{ bike_id("raw_row['BillToAddressID']") }} as bill_to_address_id,
        {{ bike_id("raw_row['ShipToAddressID']") }} as ship_to_address_id,
        {{ bike_id("raw_row['ShipMethodID']") }} as ship_method_id,
        {{ bike_id("raw_row['CreditCardID']") }} as credit_card_id,
        {{ bike_id("raw_row['CurrencyRateID']") }} as currency_rate_id,
        {{ bike_null("raw_row['SalesOrderNumber']") }} as sales_order_number,
        {{ bike_null("raw_row['PurchaseOrderNumber']") }} as purchase_order_number,
        {{ bike_null("raw_row['AccountNumber']") }} as account_number,
        {{ bike_null("raw_row['CreditCardApprovalCode']") }}
            as credit_card_approval_code,
        {{ bike_null("raw_row['Comment']") }} as order_comment,
        {{ bike_integer("raw_row['RevisionNumber']", min_value=0, max_value=255) }}
            as revision_number,
        {{ bike_integer("raw_row['Status']", min_value=1, max_value=6) }} as order_status,
        {{ bike_decimal("raw_row['SubTotal']", 19, 4, min_value=0) }} as subtotal,
        {{ bike_decimal("raw_row['TaxAmt']", 19, 4, min_value=0) }} as tax_amount,
        {{ bike_decimal("raw_row['Freight']", 19, 4, min_value=0) }} as freight,
        {{ bike_decimal("raw_row['TotalDue']", 19, 4, min_value=0) }} as total_due,
        {{ bike_flag("raw_row['OnlineOrderFlag']") }} as is_online_order,
        {{ bike_timestamp("raw_row['OrderDate']") }} as ordered_at,
        {{ bike_timestamp("raw_row['DueDate']") }} as due_at,
        {{ bike_timestamp("raw_row['ShipDate']") }} as shipped_at,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
    from deduplicated
),

final as (
    select
        sales_order_id,
        customer_id,
        sales_person_id,
        territory_id,
        bill_to_address_id,
        ship_to_address_id,
        ship_method_id,
        credit_card_id,
        currency_rate_id,
        sales_order_number,
        purchase_order_number,
        account_number,
        credit_card_approval_code,
        order_comment,
        revision_number,
        order_status,
        subtotal,
        tax_amount,
        freight,
        total_due,
        is_online_order,
        ordered_at,
        due_at,
        shipped_at,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ bike_rejected_columns({
            'CustomerID': 'customer_id',
            'SalesPersonID': 'sales_person_id',
            'TerritoryID': 'territory_id',
            'BillToAddressID': 'bill_to_address_id',
            'ShipToAddressID': 'ship_to_address_id',
            'ShipMethodID': 'ship_method_id',
            'CreditCardID': 'credit_card_id',
            'CurrencyRateID': 'currency_rate_id',
            'RevisionNumber': 'revision_number',
            'Status': 'order_status',
            'SubTotal': 'subtotal',
            'TaxAmt': 'tax_amount',
            'Freight': 'freight',
            'TotalDue': 'total_due',
            'OnlineOrderFlag': 'is_online_order',
            'OrderDate': 'ordered_at',
            'DueDate': 'due_at',
            'ShipDate': 'shipped_at',
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from typed
)

select * from final
