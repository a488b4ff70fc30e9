with source as (
    select * from {{ source('bike', 'sales_order_header') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['sales_order_id', bike_id('SalesOrderID')],
        ],
        columns=[
            'SalesOrderID', 'RevisionNumber', 'OrderDate', 'DueDate', 'ShipDate', 'Status',
            'OnlineOrderFlag', 'SalesOrderNumber', 'PurchaseOrderNumber', 'AccountNumber',
            'CustomerID', 'SalesPersonID', 'TerritoryID', 'BillToAddressID', 'ShipToAddressID',
            'ShipMethodID', 'CreditCardID', 'CreditCardApprovalCode', 'CurrencyRateID', 'SubTotal',
            'TaxAmt', 'Freight', 'TotalDue', 'Comment', 'rowguid', 'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        sales_order_id,
        {{ bike_id('CustomerID') }} as customer_id,
        {{ bike_id('SalesPersonID') }} as sales_person_id,
        {{ bike_id('TerritoryID') }} as territory_id,
        {{ bike_id('BillToAddressID') }} as bill_to_address_id,
        {{ bike_id('ShipToAddressID') }} as ship_to_address_id,
        {{ bike_id('ShipMethodID') }} as ship_method_id,
        {{ bike_id('CreditCardID') }} as credit_card_id,
        {{ bike_id('CurrencyRateID') }} as currency_rate_id,
        {{ bike_null('SalesOrderNumber') }} as sales_order_number,
        {{ bike_null('PurchaseOrderNumber') }} as purchase_order_number,
        {{ bike_null('AccountNumber') }} as account_number,
        {{ bike_null('CreditCardApprovalCode') }}
            as credit_card_approval_code,
        {{ bike_null('Comment') }} as order_comment,
        {{ bike_integer('RevisionNumber', min_value=0, max_value=255) }}
            as revision_number,
        {{ bike_integer('Status', min_value=1, max_value=6) }} as order_status,
        {{ bike_decimal('SubTotal', 19, 4, min_value=0) }} as subtotal,
        {{ bike_decimal('TaxAmt', 19, 4, min_value=0) }} as tax_amount,
        {{ bike_decimal('Freight', 19, 4, min_value=0) }} as freight,
        {{ bike_decimal('TotalDue', 19, 4, min_value=0) }} as total_due,
        {{ bike_flag('OnlineOrderFlag') }} as is_online_order,
        {{ bike_timestamp('OrderDate') }} as ordered_at,
        {{ bike_timestamp('DueDate') }} as due_at,
        {{ bike_timestamp('ShipDate') }} as shipped_at,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
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
        {{ rejected_columns([
            ['CustomerID', "raw_row['CustomerID']", 'customer_id'],
            ['SalesPersonID', "raw_row['SalesPersonID']", 'sales_person_id'],
            ['TerritoryID', "raw_row['TerritoryID']", 'territory_id'],
            ['BillToAddressID', "raw_row['BillToAddressID']", 'bill_to_address_id'],
            ['ShipToAddressID', "raw_row['ShipToAddressID']", 'ship_to_address_id'],
            ['ShipMethodID', "raw_row['ShipMethodID']", 'ship_method_id'],
            ['CreditCardID', "raw_row['CreditCardID']", 'credit_card_id'],
            ['CurrencyRateID', "raw_row['CurrencyRateID']", 'currency_rate_id'],
            ['RevisionNumber', "raw_row['RevisionNumber']", 'revision_number'],
            ['Status', "raw_row['Status']", 'order_status'],
            ['SubTotal', "raw_row['SubTotal']", 'subtotal'],
            ['TaxAmt', "raw_row['TaxAmt']", 'tax_amount'],
            ['Freight', "raw_row['Freight']", 'freight'],
            ['TotalDue', "raw_row['TotalDue']", 'total_due'],
            ['OnlineOrderFlag', "raw_row['OnlineOrderFlag']", 'is_online_order'],
            ['OrderDate', "raw_row['OrderDate']", 'ordered_at'],
            ['DueDate', "raw_row['DueDate']", 'due_at'],
            ['ShipDate', "raw_row['ShipDate']", 'shipped_at'],
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from typed
)

select * from final
