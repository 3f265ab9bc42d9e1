"""The benchmark of performance-targets.md: import throughput and the 21-year indicator table.

    .venv/bin/python bench/run.py --scale 0.1 [--runs 3]

On PostgreSQL (127.0.0.1:5432, user postgres), in databases of its own whose names start with
`danang_bench` (dropped and recreated at start), with DJANGO_DEBUG=0 as in production (with debug
on, Django keeps the SQL text of its last 9,000 queries, and the importer's statements are
large). What is measured is a copy of the code taken at the start (`--code`), so that edits to
the working tree during a long run do not change it half-way.

1. Import. `manage.py import_workbook FOLDER` as a subprocess, one import per fresh database
   (a copy of a migrated template), `--runs` times: wall time, rows per second, the CPU time and
   peak RSS of that process (`os.wait4`). After each, a second import of the same folder, which
   must change nothing. The same for the 10,000- and 100,000-row slices (`--slices`). For
   comparison, a plain COPY of the same CSV files into tables of text columns.
2. Indicators. On the database the last import filled (after VACUUM ANALYZE), the product's
   `indicator_table(first=2006, last=2026)` beside the hand-written SQL of bench/indicators.sql
   (`SET jit = off`), alternately, warm, median of `--indicator-runs`; the figures of both must
   be the same for every indicator and year, and so must the changes on the year before; if not,
   the run fails with the differences. Also per source (partners, agreements, ...).

Datasets come from bench/make_dataset.py and are kept in `--cache-dir` (reused while the
generator and the scale are the same). The results are printed as Markdown and written to
bench/results-<scale>.md.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import psycopg2
from make_dataset import SEED, make_dataset

BENCH = Path(__file__).resolve().parent
SOURCE = BENCH.parent
SQL_FILE = BENCH / "indicators.sql"
# The copy of the product that is measured (see snapshot_code); set in main().
PROJECT = SOURCE
MANAGE = PROJECT / "manage.py"
# Left out of the copy: environments, caches, data, the benchmark's own datasets.
SNAPSHOT_IGNORE = (
    ".venv",
    ".git",
    ".cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "media",
    "staticfiles",
    "test-results",
    "node_modules",
    "*.sqlite3",
)

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
DATABASE = "danang_bench"
TEMPLATE = "danang_bench_template"
FIRST_YEAR, LAST_YEAR = 2006, 2026
SLICES = "0.0065,0.065"
SHEET_LINE = re.compile(r"^(\w+): (\d+)\D+(\d+)\D+(\d+)")


class BenchmarkFailure(SystemExit):
    def __init__(self, message):
        super().__init__(f"BENCHMARK FAILED: {message}")


def tool(*args, **kwargs):
    """Run one of the fixed commands of this file (git, tar, nproc, free, psql)."""
    return subprocess.run(args, check=True, **kwargs)  # noqa: S603


def snapshot_code(where, *, code):
    """Copy the product into `where` and measure that copy: the working tree may be edited
    while a long benchmark runs, and each import must meet the code the template database was
    migrated with. `code` is "worktree" (the files as they are now, committed or not) or "head"
    (the last commit, through `git archive`). Returns a description of the code measured."""
    global PROJECT, MANAGE
    target = Path(where) / "project"
    if code == "head":
        target.mkdir(parents=True)
        archive = tool("git", "-C", str(SOURCE), "archive", "HEAD", capture_output=True).stdout
        tool("tar", "-x", "-C", str(target), input=archive)
    else:
        shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns(*SNAPSHOT_IGNORE))
    PROJECT, MANAGE = target, target / "manage.py"
    return describe_code(code)


def describe_code(code):
    def git(*args):
        done = tool("git", "-C", str(SOURCE), *args, capture_output=True, text=True)
        return done.stdout.rstrip("\n")  # not strip(): porcelain lines start with a space

    commit = git("log", "-1", "--format=%h")
    subject = git("log", "-1", "--format=%s")
    commit += f" ({subject[:60]}…)" if len(subject) > 60 else f" ({subject})"
    if code == "head":
        return f"commit {commit}"
    changed = [
        line[3:]
        for line in git("status", "--porcelain", "--untracked-files=all").splitlines()
        if not line[3:].startswith("bench/")
    ]
    if not changed:
        return f"commit {commit}"
    return (
        f"commit {commit}, plus the uncommitted changes of the working tree at the start "
        f"({len(changed)} files: {', '.join(sorted(changed)[:12])}"
        + (", ..." if len(changed) > 12 else "")
        + ")"
    )


def database_url(name):
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def now():
    # UTC: django.setup() switches the process to the project's TIME_ZONE half-way through.
    return dt.datetime.now(dt.UTC)


def say(message):
    print(f"[{now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# -- databases ---------------------------------------------------------------------------------


def admin_execute(*statements):
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def recreate(name, *, template=None):
    if not name.startswith("danang_bench"):
        raise ValueError(f"{name}: the benchmark only touches databases named danang_bench*")
    create = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', create)


def django_env(name):
    env = dict(os.environ)
    # The local-memory cache: the benchmark clears it and must never clear a shared one.
    env.pop("REDIS_URL", None)
    env.update(
        DATABASE_URL=database_url(name),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=BENCH_SECRET_KEY,
        DJANGO_SETTINGS_MODULE="danang_intl.settings",
    )
    return env


BENCH_SECRET_KEY = "bench-" + secrets.token_urlsafe(32)


def prepare_template():
    """A migrated database that each fresh database is copied from (CREATE DATABASE TEMPLATE)."""
    recreate(TEMPLATE)
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), "migrate", "--noinput", "-v0"],
        env=django_env(TEMPLATE),
        cwd=PROJECT,
        check=True,
    )


def fresh_database():
    recreate(DATABASE, template=TEMPLATE)


def vacuum_analyze():
    connection = psycopg2.connect(dbname=DATABASE, **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    finally:
        connection.close()


# -- datasets ----------------------------------------------------------------------------------


def generator_digest():
    return hashlib.sha256((BENCH / "make_dataset.py").read_bytes()).hexdigest()[:16]


def dataset(scale, cache_dir):
    """The folder of the dataset of `scale`, generated unless the cache has the same one."""
    folder = Path(cache_dir) / f"ds-{scale:g}"
    manifest_path = folder / "dataset.json"
    digest = generator_digest()
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (
            manifest.get("digest") == digest
            and manifest.get("scale") == scale
            and manifest.get("seed") == SEED
        ):
            say(f"dataset {scale:g}: reusing {folder} ({manifest['total_rows']:,} rows)")
            return folder, manifest
    if folder.exists():
        shutil.rmtree(folder)
    say(f"dataset {scale:g}: generating into {folder}")
    manifest = make_dataset(scale=scale, out=folder)
    manifest["digest"] = digest
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    say(f"dataset {scale:g}: {manifest['total_rows']:,} rows in {manifest['generator_seconds']}s")
    return folder, manifest


# -- the import --------------------------------------------------------------------------------


def run_import(folder):
    """One `manage.py import_workbook FOLDER`: (seconds, usage, exit code, out, err); `usage` is
    the process's own resource usage (peak RSS in KiB, CPU seconds)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(MANAGE), "import_workbook", str(folder)],
            env=django_env(DATABASE),
            cwd=PROJECT,
            stdout=out,
            stderr=err,
        )
        # wait4 gives this child's own resource usage: its peak RSS (KiB on Linux).
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return seconds, usage, process.returncode, out.read(), err.read()


def sheet_counts(stdout):
    """{sheet: (created, updated, unchanged)} from the command's output (any language)."""
    counts = {}
    for line in stdout.splitlines():
        match = SHEET_LINE.match(line.strip())
        if match:
            counts[match[1]] = tuple(int(n) for n in match.groups()[1:])
    return counts


def measured_import(folder, manifest, *, expect):
    seconds, usage, code, stdout, stderr = run_import(folder)
    if code != 0:
        tail = "\n".join(stderr.splitlines()[-30:])
        raise BenchmarkFailure(f"import of {folder} exited with {code}:\n{tail}")
    counts = sheet_counts(stdout)
    for sheet, rows in manifest["rows"].items():
        wanted = (rows, 0, 0) if expect == "created" else (0, 0, rows)
        if counts.get(sheet) != wanted:
            raise BenchmarkFailure(
                f"import of {folder}, sheet {sheet}: (created, updated, unchanged) = "
                f"{counts.get(sheet)}, expected {wanted}\n{stdout}"
            )
    rows = manifest["total_rows"]
    return {
        "seconds": seconds,
        "peak_mib": usage.ru_maxrss / 1024,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rows": rows,
    }


def startup_seconds(runs):
    """What `manage.py import_workbook` costs before reading anything (an empty folder)."""
    timings = []
    with tempfile.TemporaryDirectory() as empty:
        for _ in range(runs):
            seconds, usage, _code, _out, _err = run_import(empty)
            timings.append((seconds, usage.ru_maxrss / 1024))
    return statistics.median(t for t, _ in timings), statistics.median(m for _, m in timings)


def import_benchmark(folder, manifest, *, runs, second_import):
    first, second = [], []
    for run in range(1, runs + 1):
        fresh_database()
        load = os.getloadavg()[0]
        result = measured_import(folder, manifest, expect="created")
        result["load"] = load
        first.append(result)
        say(
            f"  import {run}/{runs}: {result['seconds']:.1f}s, "
            f"{result['rows'] / result['seconds']:,.0f} rows/s, {result['peak_mib']:,.0f} MiB"
        )
        if second_import:
            result = measured_import(folder, manifest, expect="unchanged")
            result["load"] = os.getloadavg()[0]
            second.append(result)
            say(
                f"  second import {run}/{runs}: {result['seconds']:.1f}s, "
                f"{result['rows'] / result['seconds']:,.0f} rows/s, "
                f"{result['peak_mib']:,.0f} MiB (nothing changed)"
            )
    return first, second


def copy_floor(folder, manifest, *, runs):
    """What PostgreSQL itself ingests: COPY of the same CSV files into plain tables of text
    columns (no types, constraints, indexes, history or links), in one transaction rolled back."""
    timings = []
    for _ in range(runs):
        connection = psycopg2.connect(dbname=DATABASE, **PG)
        try:
            with connection.cursor() as cursor:
                started = time.perf_counter()
                for sheet in manifest["rows"]:
                    path = Path(folder) / f"{sheet}.csv"
                    with path.open(encoding="utf-8") as stream:
                        header = stream.readline().strip().split(",")
                        columns = ", ".join(f'"{column}" text' for column in header)
                        cursor.execute(f"CREATE TABLE bench_copy_{sheet} ({columns})")
                        cursor.copy_expert(
                            f"COPY bench_copy_{sheet} FROM STDIN (FORMAT csv)", stream
                        )
                connection.commit()
                timings.append(time.perf_counter() - started)
                for sheet in manifest["rows"]:
                    cursor.execute(f"DROP TABLE bench_copy_{sheet}")
                connection.commit()
        finally:
            connection.close()
    return {"seconds": timings, "rows": manifest["total_rows"]}


# -- the indicators ----------------------------------------------------------------------------


def sql_statements():
    """[(name, sql)] from bench/indicators.sql, split on its `-- name:` lines."""
    statements = []
    for part in re.split(r"^-- name: *", SQL_FILE.read_text(), flags=re.MULTILINE)[1:]:
        name, _newline, sql = part.partition("\n")
        statements.append((name.strip(), sql.strip()))
    return statements


def run_sql(cursor, statements, *, first, last):
    """{indicator: {year: value}} from the hand-written SQL."""
    figures = {}
    for _name, sql in statements:
        cursor.execute(sql, {"first": first, "last": last})
        columns = [column.name for column in cursor.description]
        rows = cursor.fetchall()
        if columns[0] == "indicator":
            for indicator, year, value in rows:
                figures.setdefault(indicator, {})[year] = value
        else:
            for row in rows:
                year = row[0]
                for key, value in zip(columns[1:], row[1:], strict=True):
                    figures.setdefault(key, {})[year] = value
    return figures


def change(value, previous):
    """The data contract's change on the year before, as the product computes it."""
    if value is None or previous is None or previous == 0:
        return None
    return (Decimal(value) - Decimal(previous)) / Decimal(previous)


def compare(table, figures, indicators):
    """Every difference between the product's table and the SQL figures, as lines of text."""
    differences = []
    for indicator in indicators:
        by_year = figures.get(indicator.key, {})
        row = table.row(indicator.key)
        for cell in row.cells:
            expected = by_year.get(cell.year)
            if expected is not None and indicator.unit == "count":
                if expected != int(expected):
                    differences.append(f"{indicator.key} {cell.year}: SQL gave {expected}")
                expected = int(expected)
            if expected is not None and indicator.unit == "usd":
                expected = Decimal(expected)
            if cell.value != expected or type(cell.value) is not type(expected):
                differences.append(
                    f"{indicator.key} {cell.year}: product {cell.value!r}, SQL {expected!r}"
                )
            previous = by_year.get(cell.year - 1)
            if cell.change != change(expected, previous):
                differences.append(
                    f"{indicator.key} {cell.year} change: product {cell.change!r}, "
                    f"SQL {change(expected, previous)!r}"
                )
    return differences


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def indicator_benchmark(*, runs, explain_to=None):
    os.environ.update(django_env(DATABASE))
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danang_intl.periods import year_period
    from dashboard.indicators import INDICATORS, indicator_table

    statements = sql_statements()
    sql_connection = psycopg2.connect(dbname=DATABASE, **PG)
    sql_connection.autocommit = True
    cursor = sql_connection.cursor()
    cursor.execute("SET jit = off")
    with connection.cursor() as django_cursor:
        django_cursor.execute("SHOW jit")
        product_jit = django_cursor.fetchone()[0]
    cursor.execute("SHOW jit")
    sql_jit = cursor.fetchone()[0]

    def product():
        # Uncached, whatever the product may cache one day (the local-memory cache, see
        # django_env).
        for cache in caches.all():
            cache.clear()
        return indicator_table(first=FIRST_YEAR, last=LAST_YEAR)

    def hand_written():
        return run_sql(cursor, statements, first=FIRST_YEAR - 1, last=LAST_YEAR)

    # Warm up both (the first read of freshly written pages also sets their hint bits).
    product()
    hand_written()
    product_times, sql_times = [], []
    for _ in range(runs):
        seconds, table = timed(product)
        product_times.append(seconds)
        seconds, figures = timed(hand_written)
        sql_times.append(seconds)
    differences = compare(table, figures, INDICATORS)
    checked = sum(len(row.cells) for row in table.rows)

    # How much of the product's time its queries spend in the database (execution and fetch, as
    # Django's debug cursor times them); the rest is Python: building and compiling the queries,
    # the table. A separate pass, the debug cursor costs a little.
    product_db, product_queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            product()
        product_db.append(sum(float(query["time"]) for query in queries.captured_queries))
        product_queries = len(queries.captured_queries)

    # Per source: each product selector beside its SQL statement, same periods (2005-2026).
    periods = [year_period(year) for year in range(FIRST_YEAR - 1, LAST_YEAR + 1)]
    sources = list(dict.fromkeys(indicator.source for indicator in INDICATORS))
    by_source = []
    for source, (name, sql) in zip(sources, statements, strict=True):
        product_part, sql_part = [], []
        for _ in range(runs):
            product_part.append(timed(lambda source=source: source(periods=periods))[0])
            sql_part.append(timed(lambda part=[(name, sql)]: run_sql(cursor, part, **YEARS))[0])
        by_source.append((name, source.__name__, product_part, sql_part))

    if explain_to:
        write_plans(explain_to, product, cursor, statements, CaptureQueriesContext, connection)
    cursor.close()
    sql_connection.close()
    connection.close()
    return {
        "product": product_times,
        "product_db": product_db,
        "product_queries": product_queries,
        "sql": sql_times,
        "differences": differences,
        "checked": checked,
        "indicators": len(table.rows),
        "years": len(table.years),
        "by_source": by_source,
        "jit": (product_jit, sql_jit),
    }


YEARS = {"first": FIRST_YEAR - 1, "last": LAST_YEAR}


def write_plans(path, product, cursor, statements, capture, connection):
    """EXPLAIN (ANALYZE, BUFFERS) of every query of the product's table and of the SQL."""
    with capture(connection) as queries:
        product()
    lines = []
    for number, query in enumerate(queries.captured_queries, start=1):
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
        lines.append(f"== product query {number} ({float(query['time']) * 1000:.0f} ms)")
        lines.append(query["sql"])
        lines += [row[0] for row in cursor.fetchall()]
    for name, sql in statements:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, YEARS)
        lines.append(f"== SQL {name}")
        lines += [row[0] for row in cursor.fetchall()]
    Path(path).write_text("\n".join(lines) + "\n")
    say(f"query plans written to {path}")


# -- the report --------------------------------------------------------------------------------


def load_tests(args):
    """bench/load.py on the database the last import filled: queries per page, then 16 users
    without a pause (saturation) and with a second's pause after each answer."""
    parts = []
    for think_ms in (0, 1000):
        say(f"load test, {think_ms} ms pause")
        result = subprocess.run(
            [
                sys.executable,
                str(BENCH / "load.py"),
                "--database",
                DATABASE,
                "--project",
                str(PROJECT),
                "--duration",
                str(args.load_seconds),
                "--think-ms",
                str(think_ms),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BenchmarkFailure(f"load test: {result.stderr[-2000:]}")
        parts.append(result.stdout.replace("# Load test", "## Load test"))
    return "\n" + "\n".join(parts)


def machine():
    def command(*args):
        try:
            return tool(*args, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return ""

    memory = command("free", "-g").splitlines()
    total_gib = memory[1].split()[1] if len(memory) > 1 else "?"
    connection = psycopg2.connect(dbname="postgres", **PG)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    connection.close()
    return {
        "cores": command("nproc").strip(),
        "memory_gib": total_gib,
        "psql": command("psql", "--version").strip(),
        "server": server,
        "settings": settings,
        "python": platform.python_version(),
    }


def median(values):
    return statistics.median(values)


def spread(values, fmt):
    if len(values) == 1:
        return ""
    return f" ({fmt.format(min(values))}–{fmt.format(max(values))})"


def import_row(label, results, startup):
    seconds = [r["seconds"] for r in results]
    rows = results[0]["rows"]
    rates = [rows / s for s in seconds]
    net_rates = [rows / max(s - startup, 1e-9) for s in seconds]
    peaks = [r["peak_mib"] for r in results]
    cpu = [r["cpu"] for r in results]
    return (
        f"| {label} | {rows:,} | {median(seconds):,.1f}{spread(seconds, '{:,.1f}')} "
        f"| {median(rates):,.0f}{spread(rates, '{:,.0f}')} | {median(net_rates):,.0f} "
        f"| {median(cpu):,.1f} | {median(peaks):,.0f}{spread(peaks, '{:,.0f}')} "
        f"| {median(r['load'] for r in results):.1f} |"
    )


def report(*, args, info, startup, slices, main, second, indicators, started, finished, copy=None):
    scale = float(args.scale)
    lines = [
        f"# Benchmark results, scale {args.scale}",
        "",
        f"`bench/run.py --scale {args.scale} --runs {args.runs}`, {started:%Y-%m-%d %H:%M} to "
        f"{finished:%H:%M} UTC. Machine: {info['cores']} cores, {info['memory_gib']} GiB, "
        f"PostgreSQL {info['server']} ({info['psql']}), Python {info['python']}; "
        + ", ".join(f"{k} = {v}" for k, v in info["settings"].items())
        + " (server defaults; both connections below run with jit off)"
        + ". DJANGO_DEBUG=0. Medians, with the range of the runs in brackets; the last column is "
        "the 1-minute load average when the run started (the machine is shared: more than ~1 "
        "means other work competed for the 2 cores).",
        "",
        f"Code measured: {info['code']}.",
        "",
    ]
    if main or slices:
        lines += [
            "## Import: `manage.py import_workbook FOLDER` (CSV, PostgreSQL)",
            "",
            f"One import per fresh database, {args.runs} run(s) each; the second import is of "
            "the same folder into the database the first one filled and changes nothing. "
            f"Start-up (Python, Django, checks) is {startup[0]:.2f} s and {startup[1]:.0f} MiB "
            "(an empty folder); the column “net” leaves it out. CPU is the command's own user and "
            "system time (PostgreSQL's work is not in it): less sensitive than wall time to other "
            "work on the machine. Target: at least 20,000 rows/s, "
            "memory that does not grow with the file.",
            "",
            "| dataset | rows | wall time (s) | rows/s | rows/s net | CPU (s) | peak RSS (MiB) "
            "| load |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for slice_scale, results in slices:
            lines.append(import_row(f"slice, scale {slice_scale:g}", results, startup[0]))
        if main:
            lines.append(import_row(f"scale {args.scale}", main, startup[0]))
        if second:
            lines.append(import_row(f"scale {args.scale}, second import", second, startup[0]))
        if copy:
            rates = [copy["rows"] / seconds for seconds in copy["seconds"]]
            lines.append(
                "| for comparison: PostgreSQL `COPY` of the same CSV files into tables of text "
                f"columns (no validation, types, indexes, history) | {copy['rows']:,} "
                f"| {median(copy['seconds']):,.1f} "
                f"| {median(rates):,.0f}{spread(rates, '{:,.0f}')} | | | | |"
            )
        sized = [
            (results[0]["rows"], median(r["peak_mib"] for r in results)) for _s, results in slices
        ] + ([(main[0]["rows"], median(r["peak_mib"] for r in main))] if main else [])
        if len(sized) >= 2:
            (rows_a, mib_a), (rows_b, mib_b) = min(sized), max(sized)
            per_100k = (mib_b - mib_a) / (rows_b - rows_a) * 100_000
            lines += [
                "",
                f"Peak memory grows by about {per_100k:,.0f} MiB per 100,000 rows "
                f"({rows_a:,} rows: {mib_a:,.0f} MiB; {rows_b:,} rows: {mib_b:,.0f} MiB).",
            ]
        lines.append("")
    if indicators:
        product, sql = median(indicators["product"]), median(indicators["sql"])
        lines += [
            f"## Indicator table {FIRST_YEAR}–{LAST_YEAR} (uncached, warm)",
            "",
            f"{args.indicator_runs} run(s) each, alternately, after one warm-up each, on the "
            f"database of the last import of scale {scale:g} after VACUUM ANALYZE. jit: product "
            f"connection {indicators['jit'][0]}, SQL connection {indicators['jit'][1]}.",
            "",
            "| what | median (ms) | range (ms) |",
            "| --- | ---: | ---: |",
            f"| product: `indicator_table(first={FIRST_YEAR}, last={LAST_YEAR})` "
            f"| {product * 1000:,.0f} | {ms_range(indicators['product'])} |",
            f"| … of which its {indicators['product_queries']} queries in the database "
            f"| {median(indicators['product_db']) * 1000:,.0f} "
            f"| {ms_range(indicators['product_db'])} |",
            f"| hand-written SQL, `bench/indicators.sql`, `SET jit = off` "
            f"| {sql * 1000:,.0f} | {ms_range(indicators['sql'])} |",
            f"| **ratio product / SQL** (target ≤ 1.5) | **{product / sql:.2f}** | |",
            "",
            f"Check: {indicators['indicators']} indicators × {indicators['years']} years "
            f"({indicators['checked']} figures) and their changes on the year before: "
            + (
                "identical."
                if not indicators["differences"]
                else f"{len(indicators['differences'])} DIFFERENCES."
            ),
            "",
            "By source, the same 22 periods (2005–2026, the first year's change needs 2005):",
            "",
            "| source | product selector | product (ms) | SQL (ms) | ratio |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for name, function, product_part, sql_part in indicators["by_source"]:
            p, s = median(product_part), median(sql_part)
            lines.append(
                f"| {name} | `{function}` | {p * 1000:,.1f} | {s * 1000:,.1f} "
                f"| {p / s if s else float('nan'):.2f} |"
            )
        lines.append("")
    return "\n".join(lines)


def ms_range(values):
    return f"{min(values) * 1000:,.0f}–{max(values) * 1000:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="0.1", help="main dataset; 1.0 = 1.54 million rows")
    parser.add_argument("--runs", type=int, default=3, help="imports per dataset")
    parser.add_argument("--indicator-runs", type=int, default=7)
    parser.add_argument(
        "--slices",
        default=SLICES,
        help=f"scales of the import slices, comma-separated, '' for none (default {SLICES}: "
        "about 10,000 and 100,000 rows)",
    )
    parser.add_argument("--no-second-import", action="store_true")
    parser.add_argument(
        "--load-seconds",
        type=int,
        default=20,
        help="seconds of load per page in the load test (bench/load.py); 0 to skip it",
    )
    parser.add_argument(
        "--indicators-only",
        action="store_true",
        help="only the indicator table, on the database a previous run left (prints, writes "
        "no results file)",
    )
    parser.add_argument("--cache-dir", default=str(BENCH / ".cache"))
    parser.add_argument("--explain", action="store_true", help="write bench/plans-<scale>.txt")
    parser.add_argument(
        "--code",
        choices=["worktree", "head"],
        default="worktree",
        help="measure a copy of the working tree as it is at the start (default) or of the last "
        "commit",
    )
    args = parser.parse_args()
    scale = float(args.scale)
    if scale <= 0 or args.runs < 1 or args.indicator_runs < 1:
        parser.error("--scale, --runs and --indicator-runs must be positive")
    slice_scales = [float(s) for s in args.slices.split(",") if s.strip()]

    started = now()
    with tempfile.TemporaryDirectory(prefix="danang-bench-") as where:
        info = machine()
        info["code"] = snapshot_code(where, code=args.code)
        run(args, scale=scale, slice_scales=slice_scales, info=info, started=started)


def run(args, *, scale, slice_scales, info, started):
    say(f"code measured: {info['code']}")
    say(f"machine: {info['cores']} cores, {info['memory_gib']} GiB, PostgreSQL {info['server']}")
    if args.indicators_only:
        say("the indicator table only, on the database as a previous run left it")
        indicators = indicator_benchmark(runs=args.indicator_runs)
        print(
            report(
                args=args,
                info=info,
                startup=None,
                slices=[],
                main=[],
                second=[],
                indicators=indicators,
                started=started,
                finished=now(),
            )
        )
        return
    main_folder, main_manifest = dataset(scale, args.cache_dir)
    slice_data = [(s, *dataset(s, args.cache_dir)) for s in slice_scales]
    say(f"databases: {TEMPLATE} (migrated) and {DATABASE} (a copy per import)")
    prepare_template()
    startup = startup_seconds(3)
    say(f"start-up of the command: {startup[0]:.2f}s, {startup[1]:.0f} MiB")

    slices = []
    for slice_scale, folder, manifest in slice_data:
        say(f"import, slice {slice_scale:g} ({manifest['total_rows']:,} rows)")
        first, _second = import_benchmark(folder, manifest, runs=args.runs, second_import=False)
        slices.append((slice_scale, first))

    say(f"import, scale {scale:g} ({main_manifest['total_rows']:,} rows)")
    main_runs, second_runs = import_benchmark(
        main_folder, main_manifest, runs=args.runs, second_import=not args.no_second_import
    )

    say("COPY of the same CSV files (what PostgreSQL itself ingests)")
    copy = copy_floor(main_folder, main_manifest, runs=args.runs)
    say(f"  COPY: {main_manifest['total_rows'] / median(copy['seconds']):,.0f} rows/s")

    say("VACUUM ANALYZE, then the indicator table")
    vacuum_analyze()
    indicators = indicator_benchmark(
        runs=args.indicator_runs,
        explain_to=BENCH / f"plans-{args.scale}.txt" if args.explain else None,
    )
    load = load_tests(args) if args.load_seconds else ""
    finished = now()
    text = report(
        args=args,
        info=info,
        startup=startup,
        slices=slices,
        main=main_runs,
        second=second_runs,
        indicators=indicators,
        started=started,
        finished=finished,
        copy=copy,
    )
    text += load
    print(text)
    (BENCH / f"results-{args.scale}.md").write_text(text)
    say(f"written to {BENCH / f'results-{args.scale}.md'}")
    if indicators["differences"]:
        for line in indicators["differences"][:50]:
            print(line, file=sys.stderr)
        raise BenchmarkFailure(
            f"{len(indicators['differences'])} figures differ between the product and the SQL"
        )


if __name__ == "__main__":
    main()
