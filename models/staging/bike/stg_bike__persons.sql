with source as (
    select * from {{ source('bike', 'person') }}
),

deduplicated as (
    {{ collapse_duplicates(
        relation='source',
        keys=[
            ['person_id', bike_id('BusinessEntityID')],
        ],
        columns=[
            'BusinessEntityID', 'PersonType', 'NameStyle', 'Title', 'FirstName', 'MiddleName',
            'LastName', 'Suffix', 'EmailPromotion', 'AdditionalContactInfo', 'Demographics',
            'rowguid', 'ModifiedDate',
        ],
    ) }}
),

typed as (
    select
        person_id,
        {{ bike_code('PersonType', ['SC', 'IN', 'SP', 'EM', 'VC', 'GC']) }}
            as person_type,
        {{ bike_null('Title') }} as title,
        {{ bike_null('FirstName') }} as first_name,
        {{ bike_null('MiddleName') }} as middle_name,
        {{ bike_null('LastName') }} as last_name,
        {{ bike_null('Suffix') }} as suffix,
        {{ bike_null('AdditionalContactInfo') }} as additional_contact_info,
        {{ bike_null('Demographics') }} as demographics,
        {{ bike_integer('EmailPromotion', min_value=0, max_value=2) }}
            as email_promotion,
        {{ bike_flag('NameStyle') }} as is_eastern_name_style,
        {{ bike_timestamp('ModifiedDate') }} as modified_at,
        {{ bike_uuid('rowguid') }} as row_guid,
        source_row_count,
        has_key_conflict,
        {{ row_struct('deduplicated') }} as raw_row
    from deduplicated
),

demographics_parsed as (
    select
        *,
        {{ bike_xml_value('demographics', 'MaritalStatus') }} as marital_status,
        {{ bike_xml_value('demographics', 'Gender') }} as gender,
        {{ bike_decimal(bike_xml_value('demographics', 'TotalPurchaseYTD'), 19, 4) }}
            as total_purchase_ytd,
        {{ try_cast(
            "trim(trailing 'Z' from " ~ bike_xml_value('demographics', 'BirthDate') ~ ")", 'date'
        ) }} as birth_date
    from typed
),

final as (
    select
        person_id,
        person_type,
        title,
        first_name,
        middle_name,
        last_name,
        suffix,
        additional_contact_info,
        demographics,
        marital_status,
        gender,
        email_promotion,
        total_purchase_ytd,
        is_eastern_name_style,
        birth_date,
        modified_at,
        row_guid,
        source_row_count,
        has_key_conflict,
        {{ rejected_columns([
            ['PersonType', "raw_row['PersonType']", 'person_type'],
            ['EmailPromotion', "raw_row['EmailPromotion']", 'email_promotion'],
            ['NameStyle', "raw_row['NameStyle']", 'is_eastern_name_style'],
            ['ModifiedDate', "raw_row['ModifiedDate']", 'modified_at'],
            ['rowguid', "raw_row['rowguid']", 'row_guid'],
        ], missing=bike_null) }} as rejected_columns
    from demographics_parsed
)

select * from final
