-- The yearly indicators of data-contract.md, section 2, written by hand for PostgreSQL.
--
-- bench/run.py runs these statements one after the other on one connection with `SET jit = off`
-- and compares every figure with the product's `indicator_table`. Parameters are psycopg2's:
-- %(first)s and %(last)s are the first and last year (run.py passes the year before the table's
-- first year too, which the product computes for the first year's change). Each statement starts
-- with a `-- name:` line and returns either one row per year with one column per indicator key,
-- or (indicator, year, value) rows (statistics).
--
-- The shape: each table is read once and grouped by the years of its dates, which leaves a few
-- hundred groups whatever the number of rows; each year's figures are then filtered sums over
-- those groups. With D = 31 December of Y, every condition of the contract on a date is one on
-- its year:
--   date <= D   <=>  year(date) <= Y
--   date >  D   <=>  year(date) >  Y
--   date >= D   <=>  year(date + 1 day) > Y      (a date on 31 December itself still counts)
--   date in Y   <=>  year(date) = Y
-- date_part() rather than extract(): since PostgreSQL 14 extract() returns numeric, slower.

-- name: partners
-- partners_active: localities established by D and not ended by then; partner_countries:
-- countries with at least one of them; partners_new: localities established in Y.
WITH groups AS (
    SELECT country,
           date_part('year', established_on)::int AS established,
           date_part('year', ended_on)::int AS ended,
           count(*) AS n
    FROM partners_partner
    WHERE kind = 'locality' AND established_on IS NOT NULL
    GROUP BY 1, 2, 3
),
years AS (SELECT generate_series(%(first)s, %(last)s) AS year),
active AS (
    SELECT years.year, groups.country, sum(groups.n) AS n
    FROM years
    JOIN groups ON groups.established <= years.year
               AND (groups.ended IS NULL OR groups.ended > years.year)
    GROUP BY years.year, groups.country
),
active_per_year AS (
    SELECT year, sum(n) AS partners, count(*) AS countries FROM active GROUP BY year
),
new_per_year AS (
    SELECT established AS year, sum(n) AS partners FROM groups GROUP BY established
)
SELECT years.year,
       coalesce(active_per_year.partners, 0)::bigint AS partners_active,
       coalesce(active_per_year.countries, 0)::bigint AS partner_countries,
       coalesce(new_per_year.partners, 0)::bigint AS partners_new
FROM years
LEFT JOIN active_per_year USING (year)
LEFT JOIN new_per_year USING (year)
ORDER BY years.year;

-- name: agreements
-- agreements_signed: signed in Y; agreements_cumulative: signed by D; agreements_in_force:
-- started by D (effective_on, or signed_on when it is blank), expires_on blank or >= D,
-- terminated_on blank or > D.
WITH groups AS (
    SELECT date_part('year', signed_on)::int AS signed,
           date_part('year', coalesce(effective_on, signed_on))::int AS started,
           date_part('year', expires_on + 1)::int AS expired,
           date_part('year', terminated_on)::int AS terminated,
           count(*) AS n
    FROM agreements_agreement
    GROUP BY 1, 2, 3, 4
)
SELECT years.year,
       coalesce(sum(n) FILTER (WHERE signed = years.year), 0)::bigint AS agreements_signed,
       coalesce(sum(n) FILTER (WHERE signed <= years.year), 0)::bigint AS agreements_cumulative,
       coalesce(sum(n) FILTER (
           WHERE started <= years.year
             AND (expired IS NULL OR expired > years.year)
             AND (terminated IS NULL OR terminated > years.year)
       ), 0)::bigint AS agreements_in_force
FROM generate_series(%(first)s, %(last)s) AS years(year)
LEFT JOIN groups ON true
GROUP BY years.year
ORDER BY years.year;

-- name: delegations
-- Four flows over start_on in Y.
WITH per_year AS (
    SELECT date_part('year', start_on)::int AS year,
           count(*) FILTER (WHERE direction = 'inbound') AS inbound,
           count(*) FILTER (
               WHERE direction = 'inbound'
                 AND level IN ('head_of_state', 'head_of_government', 'royal',
                               'parliament_leader', 'minister')
           ) AS high_level,
           count(*) FILTER (WHERE direction = 'inbound' AND city_leaders) AS city_leaders,
           count(*) FILTER (WHERE direction = 'outbound') AS outbound
    FROM delegations_delegation
    WHERE start_on BETWEEN make_date(%(first)s, 1, 1) AND make_date(%(last)s, 12, 31)
    GROUP BY 1
)
SELECT years.year,
       coalesce(inbound, 0) AS delegations_inbound,
       coalesce(high_level, 0) AS delegations_inbound_high_level,
       coalesce(city_leaders, 0) AS delegations_inbound_city_leaders,
       coalesce(outbound, 0) AS delegations_outbound
FROM generate_series(%(first)s, %(last)s) AS years(year)
LEFT JOIN per_year USING (year)
ORDER BY years.year;

-- name: events
WITH per_year AS (
    SELECT date_part('year', start_on)::int AS year, count(*) AS events
    FROM delegations_hostedevent
    WHERE start_on BETWEEN make_date(%(first)s, 1, 1) AND make_date(%(last)s, 12, 31)
    GROUP BY 1
)
SELECT years.year, coalesce(events, 0) AS events_hosted
FROM generate_series(%(first)s, %(last)s) AS years(year)
LEFT JOIN per_year USING (year)
ORDER BY years.year;

-- name: fdi
-- Projects: certified in Y (count, registered capital); valid at D: certified by D, terminated_on
-- blank or > D (count, registered capital). Capital changes: dated in Y; dated by D and of a
-- project valid at D. Contributions dated in Y. A sum over nothing is 0 USD.
WITH projects AS (
    SELECT date_part('year', certified_on)::int AS certified,
           date_part('year', terminated_on)::int AS terminated,
           count(*) AS n,
           sum(registered_capital_usd) AS capital
    FROM investment_fdiproject
    GROUP BY 1, 2
),
changes AS (
    SELECT date_part('year', c.changed_on)::int AS changed,
           date_part('year', p.certified_on)::int AS certified,
           date_part('year', p.terminated_on)::int AS terminated,
           sum(c.amount_usd) AS amount
    FROM investment_capitalchange AS c
    JOIN investment_fdiproject AS p ON p.id = c.project_id
    GROUP BY 1, 2, 3
),
contributions AS (
    SELECT date_part('year', contributed_on)::int AS year, sum(amount_usd) AS amount
    FROM investment_capitalcontribution
    WHERE contributed_on BETWEEN make_date(%(first)s, 1, 1) AND make_date(%(last)s, 12, 31)
    GROUP BY 1
),
years AS (SELECT generate_series(%(first)s, %(last)s) AS year),
project_figures AS (
    SELECT years.year,
           coalesce(sum(n) FILTER (WHERE certified = years.year), 0) AS new,
           coalesce(sum(capital) FILTER (WHERE certified = years.year), 0) AS new_capital,
           coalesce(sum(n) FILTER (
               WHERE certified <= years.year AND (terminated IS NULL OR terminated > years.year)
           ), 0) AS valid,
           coalesce(sum(capital) FILTER (
               WHERE certified <= years.year AND (terminated IS NULL OR terminated > years.year)
           ), 0) AS valid_capital
    FROM years CROSS JOIN projects
    GROUP BY years.year
),
change_figures AS (
    SELECT years.year,
           coalesce(sum(amount) FILTER (WHERE changed = years.year), 0) AS adjusted,
           coalesce(sum(amount) FILTER (
               WHERE changed <= years.year
                 AND certified <= years.year
                 AND (terminated IS NULL OR terminated > years.year)
           ), 0) AS valid
    FROM years CROSS JOIN changes
    GROUP BY years.year
)
SELECT years.year,
       coalesce(p.new, 0)::bigint AS fdi_new_projects,
       coalesce(p.new_capital, 0) AS fdi_new_capital_usd,
       coalesce(c.adjusted, 0) AS fdi_adjusted_capital_usd,
       coalesce(contributions.amount, 0) AS fdi_contributions_usd,
       coalesce(p.new_capital, 0) + coalesce(c.adjusted, 0) + coalesce(contributions.amount, 0)
           AS fdi_attracted_usd,
       coalesce(p.valid, 0)::bigint AS fdi_projects_valid,
       coalesce(p.valid_capital, 0) + coalesce(c.valid, 0) AS fdi_capital_valid_usd
FROM years
LEFT JOIN project_figures AS p USING (year)
LEFT JOIN change_figures AS c USING (year)
LEFT JOIN contributions USING (year)
ORDER BY years.year;

-- name: statistics
-- As entered; counted statistics are whole numbers (rounded half up, as the product shows them).
SELECT indicator,
       year,
       CASE WHEN indicator IN ('visitors_total', 'visitors_international')
            THEN round(value, 0) ELSE value END AS value
FROM dashboard_statisticsentry
WHERE year BETWEEN %(first)s AND %(last)s
ORDER BY indicator, year;
