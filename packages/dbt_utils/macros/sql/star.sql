{#-
    The column list of a relation, optionally without some columns (`except`, case
    insensitive), qualified with `relation_alias` and renamed with prefix/suffix.
    Outside execution (parsing) it renders `*`.
-#}
{% macro star(
    from,
    relation_alias=false,
    except=[],
    prefix='',
    suffix='',
    quote_identifiers=true
) %}
    {{ return(adapter.dispatch('star', 'dbt_utils')(
        from, relation_alias, except, prefix, suffix, quote_identifiers
    )) }}
{% endmacro %}

{% macro default__star(from, relation_alias, except, prefix, suffix, quote_identifiers) %}
{%- if from is string or from.identifier is not defined -%}
    {{ exceptions.raise_compiler_error(
        "star(): `from` must be a relation (ref() or source()), got: " ~ from | string
    ) }}
{%- endif -%}
{%- if not execute -%}
    {{ return('*') }}
{%- endif -%}
{%- set excluded = except | map('lower') | list -%}
{%- set items = [] -%}
{%- for column in adapter.get_columns_in_relation(from) -%}
    {%- if column.name | lower not in excluded -%}
        {%- set name = column.name -%}
        {%- set qualifier = relation_alias ~ '.' if relation_alias else '' -%}
        {%- set item = qualifier ~ (adapter.quote(name) if quote_identifiers else name) -%}
        {%- if prefix or suffix -%}
            {%- set alias = prefix ~ name ~ suffix -%}
            {%- set item = item ~ ' as '
                ~ (adapter.quote(alias) if quote_identifiers else alias) -%}
        {%- endif -%}
        {%- do items.append(item) -%}
    {%- endif -%}
{%- endfor -%}
{%- if items | length == 0 -%}
    {%- if flags.WHICH == 'compile' -%}
        {{ return('* /* star(): no columns found in ' ~ from ~ ' */') }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "star(): no columns left in " ~ from
        ~ " (does it exist yet? were all columns excluded?)"
    ) }}
{%- endif -%}
{{ return(items | join(',\n    ')) }}
{% endmacro %}
