-- A key conflict means two or more different raw rows collapsed into one staged
-- row, so such a row must stand for at least two raw rows. Returns offenders.
{% set models = [
    'stg_imdb__titles', 'stg_imdb__title_akas', 'stg_imdb__title_crews',
    'stg_imdb__title_episodes', 'stg_imdb__title_principals',
    'stg_imdb__title_ratings', 'stg_imdb__people',
] %}

{% for model in models %}
    select
        '{{ model }}' as model_name,
        source_row_count
    from {{ ref(model) }}
    where has_key_conflict and source_row_count < 2
    {% if not loop.last %}union all{% endif %}
{% endfor %}
