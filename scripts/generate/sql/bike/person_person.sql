-- Person.Person: one line per person with a name from the word lists (the first two
-- individuals share one) and, for individuals, the demographics survey as XML.
with ranked as (
    select
        *,
        row_number() over (partition by person_type order by business_entity_id) as rn
    from person_base
),

named as (
    select
        *,
        rn <= 2 and person_type = 'IN' as same_name,
        business_entity_id as b
    from ranked
)

select
    concat_ws(
        ';',
        b,
        person_type,
        '0',
        case
            when rnd(b, 'title') < 0.1
                then (['Mr.', 'Ms.', 'Mrs.', 'Sr.', 'Sra.'])[1 + hk(b, 'titlep', 5)]
            else 'NULL'
        end,
        case
            when same_name then 'Jordan'
            else ({{ person_first }})[1 + hk(b, 'first', {{ person_first | length }})]
        end,
        case
            when same_name then 'C'
            when rnd(b, 'middle') < 0.4 then 'NULL'
            else chr(65 + hk(b, 'middlep', 26)::integer)
        end,
        case
            when same_name then 'Turner'
            else ({{ person_last }})[1 + hk(b, 'last', {{ person_last | length }})]
        end,
        case
            when not same_name and rnd(b, 'suffix') < 0.02
                then (['Jr.', 'Sr.', 'II', 'III', 'IV', 'PhD'])[1 + hk(b, 'sfx', 6)]
            else 'NULL'
        end,
        hk(b, 'email', 3),
        'NULL',
        case
            when person_type = 'IN'
                then
                    {{ survey_open }} || '<TotalPurchaseYTD>' || round(rnd(b, 'ytd') * 10000, 2)
                    || '</TotalPurchaseYTD><DateFirstPurchase>'
                    || strftime(date '2011-05-31' + hk(b, 'dfp', 1100)::integer, '%Y-%m-%d')
                    || 'Z</DateFirstPurchase><BirthDate>'
                    || strftime(date '1935-01-01' + hk(b, 'bd', 20000)::integer, '%Y-%m-%d')
                    || 'Z</BirthDate><MaritalStatus>' || (['M', 'S'])[1 + hk(b, 'ms', 2)]
                    || '</MaritalStatus><YearlyIncome>'
                    || ([
                        '0-25000', '25001-50000', '50001-75000', '75001-100000',
                        'greater than 100000'
                    ])[1 + hk(b, 'inc', 5)]
                    || '</YearlyIncome><Gender>' || (['M', 'F'])[1 + hk(b, 'gender', 2)]
                    || '</Gender><TotalChildren>' || hk(b, 'tc', 6)
                    || '</TotalChildren><NumberChildrenAtHome>' || hk(b, 'ch', 3)
                    || '</NumberChildrenAtHome><Education>'
                    || ([
                        'Bachelors ', 'Graduate Degree', 'High School', 'Partial College',
                        'Partial High School'
                    ])[1 + hk(b, 'edu', 5)]
                    || '</Education><Occupation>'
                    || ([
                        'Professional', 'Management', 'Skilled Manual', 'Clerical', 'Manual'
                    ])[1 + hk(b, 'occ', 5)]
                    || '</Occupation><HomeOwnerFlag>' || hk(b, 'home', 2)
                    || '</HomeOwnerFlag><NumberCarsOwned>' || hk(b, 'cars', 5)
                    || '</NumberCarsOwned><CommuteDistance>'
                    || (['0-1 Miles', '1-2 Miles', '2-5 Miles', '5-10 Miles', '10+ Miles'])[
                        1 + hk(b, 'commute', 5)
                    ]
                    || '</CommuteDistance></IndividualSurvey>'
            else {{ survey_open }} || '<TotalPurchaseYTD>0</TotalPurchaseYTD></IndividualSurvey>'
        end,
        guid('person', b),
        ts(timestamp '2011-05-31' + to_days(hk(b, 'pmod', 1100)::integer))
    ) as csv_line
from named
order by b
