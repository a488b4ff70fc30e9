with source as (
    select * from {{ source('bike', 'person') }}
),

deduplicated as (
    {{ bike_deduplicate(
        relation='source',
        keys=[
            ['person_id', bike_id('BusinessEntityID')],
        ],
    ) }}
),

typed as (
    select
        person_id,
        {{ bike_code("raw_row['PersonType']", ['SC', 'IN', 'SP', 'EM', 'VC', 'GC']) }}
            as person_type,
        {{ bike_null("raw_row['Title']") }} as title,
        {{ bike_null("raw_row['FirstName']") }} as first_name,
        {{ bike_null("raw_row['MiddleName']") }} as middle_name,
        {{ bike_null("raw_row['LastName']") }} as last_name,
        {{ bike_null("raw_row['Suffix']") }} as suffix,
        {{ bike_null("raw_row['AdditionalContactInfo']") }} as additional_contact_info,
        {{ bike_null("raw_row['Demographics']") }} as demographics,
        {{ bike_integer("raw_row['EmailPromotion']", min_value=0, max_value=2) }}
            as email_promotion,
        {{ bike_flag("raw_row['NameStyle']") }} as is_eastern_name_style,
        {{ bike_timestamp("raw_row['ModifiedDate']") }} as modified_at,
        {{ bike_uuid("raw_row['rowguid']") }} as row_guid,
        source_row_count,
        has_key_conflict,
        raw_row
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
        {{ bike_rejected_columns({
            'PersonType': 'person_type',
            'EmailPromotion': 'email_promotion',
            'NameStyle': 'is_eastern_name_style',
            'ModifiedDate': 'modified_at',
            'rowguid': 'row_guid',
        }) }} as rejected_columns
    from demographics_parsed
)

select * from final
