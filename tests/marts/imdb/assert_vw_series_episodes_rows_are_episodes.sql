{{ config(severity='warn') }}
-- Every row of vw_series_episodes (and so of vw_episodes, which adds the credits to these rows)
-- comes from title.episode. When title.basics also knows the episode, its type should be
-- tvEpisode; IMDB's files can disagree, so this warns. Checked here, one row per episode.
select
    episode_title_id,
    episode_title_type
from {{ ref('vw_series_episodes') }}
where episode_title_type is not null and episode_title_type <> 'tvEpisode'
