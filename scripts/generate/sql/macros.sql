-- Macros every query uses. Pseudo-random numbers: hk() an integer in [0, m), rnd() a double
-- in [0, 1). hash() of several values mixes them so that, taken modulo a small number, two
-- keys that differ only in their salt ('adj', 'noun') agree far more often than chance;
-- hashing the hash again makes each salt an independent draw.
create or replace macro hk(a, b, m) as (hash(hash(a, b, {{ seed }})) % m)::bigint;
create or replace macro hk3(a, b, c, m) as (hash(hash(a, b, c, {{ seed }})) % m)::bigint;
create or replace macro rnd(a, b) as hash(hash(a, b, {{ seed }})) / 18446744073709551616.0;
create or replace macro rnd3(a, b, c) as
hash(hash(a, b, c, {{ seed }})) / 18446744073709551616.0;

-- bike value formats: GUIDs, SQL Server timestamps, comma-decimal money, NULL literals
create or replace macro guid_of(m) as upper(
    substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-' || substr(m, 13, 4) || '-'
    || substr(m, 17, 4) || '-' || substr(m, 21, 12)
);
create or replace macro guid(t, k) as guid_of(md5(concat(t, ':', k, ':', {{ seed }})));
create or replace macro ts(x) as strftime(x, '%Y-%m-%d %H:%M:%S') || '.000';
create or replace macro money(x) as replace(
    regexp_replace(cast(cast(x as decimal(19, 4)) as varchar), '0{1,2}$', ''), '.', ','
);
create or replace macro quoted_code(x) as
case when x is null then 'NULL' else '"' || x || '"' end;
create or replace macro nv(x) as coalesce(cast(x as varchar), 'NULL');

-- a source row is written once, or twice when it is a duplicate or a key conflict
create or replace macro written_copies(is_dup, is_conflict) as
range(case when is_dup or is_conflict then 2 else 1 end);

-- IMDB null literal
create or replace macro tn(x) as coalesce(cast(x as varchar), '\N');

-- ids: 1..n spread over the id span; day-2 titles continue after the span
create or replace macro title_num(i) as
case
    when i <= {{ titles }} then 1 + (i - 1) * {{ title_id_span }} // {{ titles }}
    else {{ title_id_span }} + i - {{ titles }}
end;
create or replace macro tconst(i) as printf('tt%07d', title_num(i));
create or replace macro nconst(j) as
printf('nm%07d', 1 + (j - 1) * {{ name_id_span }} // {{ names }});
create or replace macro missing_tconst(k) as printf('tt%08d', {{ missing_id_base }} + k);

-- title types: row 1 is a short, rows 2.. take each type once, day-2 titles are movies,
-- the rest follow the real mix of types
create or replace macro type_of(i, r) as
case
    when i = 1 then 'short'
    when i > {{ titles }} then 'movie'
    when i between 2 and {{ 1 + title_types | length }} then ({{ title_types }})[i - 1]
    when r < 0.79 then 'tvEpisode'
    when r < 0.86 then 'short'
    when r < 0.915 then 'movie'
    when r < 0.937 then 'video'
    when r < 0.961 then 'tvSeries'
    when r < 0.975 then 'tvMovie'
    when r < 0.982 then 'tvMiniSeries'
    when r < 0.988 then 'tvSpecial'
    when r < 0.993 then 'videoGame'
    when r < 0.997 then 'tvShort'
    else 'tvPilot'
end;
create or replace macro title_type(i) as type_of(i, rnd(i, 'type'));
