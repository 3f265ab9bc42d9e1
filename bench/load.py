"""Response times under load, and the number of queries per page (performance-targets.md).

    .venv/bin/python bench/load.py --database danang_bench [--duration 20] [--label 1.0]

Against a PostgreSQL database that an import has filled (bench/run.py leaves `danang_bench`),
with the product served as in production: gunicorn, DJANGO_DEBUG=0, the cache on Redis
(127.0.0.1:6379, database 15, emptied first). Only loopback is used.

1. Queries per page: each page is requested once with the cache empty and once warm, through
   Django's test client as a signed-in staff user, counting queries. The same counts at two
   scales show that they do not grow with the data.
2. Load: 16 signed-in users (one session each, one connection each) request each page for
   `--duration` seconds with wrk (Debian's package); the median and 95th percentile come from
   wrk's own latency histogram. A page answering anything but 200 fails the run.
3. The dashboard cold: the cache is emptied before each of `--cold-runs` single requests.

Prints Markdown and writes bench/load-<label>.md.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The code served; bench/run.py passes the copy it measures (--project).
PROJECT = BENCH.parent
PORT = 8765
REDIS_URL = "redis://127.0.0.1:6379/15"
USERS = 16
# What a member of staff does all day, and what a leader opens before a meeting.
PAGES = {
    "dashboard (cache warm)": "/",
    "agreements: Korean partners, expiring this year": (
        "/agreements/?partner_country=KR&expires_year=2026"
    ),
    "delegations: inbound, 2024, city leaders": (
        "/delegations/?direction=inbound&year=2024&city_leaders=true"
    ),
    "search “daegu”": "/search/?q=daegu",
    "export: the agreements list as CSV": (
        "/agreements/?partner_country=KR&expires_year=2026&format=csv"
    ),
}

LUA = """
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do sessions[#sessions + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  local session = sessions[(counter % #sessions) + 1]
  return wrk.format("GET", os.getenv("BENCH_PATH"), {["Cookie"] = "sessionid=" .. session})
end
local think = tonumber(os.getenv("BENCH_THINK_MS") or "0")
if think > 0 then
  -- A user reads the page before the next click: each connection waits this long.
  delay = function() return think end
end
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "max": %f, '
    .. '"errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def django_env(database, project):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY="bench-load-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SETTINGS_MODULE="danang_intl.settings",
        REDIS_URL=REDIS_URL,
        PYTHONPATH=str(project),
    )
    return env


def inside(args):
    """Run within Django: sign the users in and count each page's queries."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dashboard.roles import STAFF

    staff = Group.objects.get(name=STAFF)
    sessions, counts = [], {}
    for number in range(1, USERS + 1):
        user, _ = get_user_model().objects.get_or_create(username=f"bench-staff-{number}")
        user.groups.add(staff)
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    for label, path in PAGES.items():
        cache.clear()
        row = {}
        for state in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, headers={"host": "127.0.0.1"})
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
            row[state] = len(queries)
        counts[label] = row
    print(json.dumps({"sessions": sessions, "counts": counts}))


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start on port {port}")


def flush_cache():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def wrk(path, sessions_file, *, seconds, connections, think_ms=0):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    env = dict(
        os.environ, BENCH_SESSIONS=sessions_file, BENCH_PATH=path, BENCH_THINK_MS=str(think_ms)
    )
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            script.name,
            f"http://127.0.0.1:{PORT}{path}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(script.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    return json.loads(line[len("BENCH ") :])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(path, session):
    """GET `path` as the user of `session`; fails unless the answer is the page itself (wrk
    would count a redirect to the sign-in page as a success)."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": f"sessionid={session}"}
    )
    try:
        with opener.open(request) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")


def cold_dashboard(session, runs):
    times = []
    for _ in range(runs):
        flush_cache()
        start = time.perf_counter()
        fetch("/", session)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="danang_bench")
    parser.add_argument("--label", default="", help="names the results file: load-<label>.md")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=USERS)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument(
        "--think-ms",
        type=int,
        default=0,
        help="each user waits this long after an answer before the next request (0: no pause)",
    )
    parser.add_argument("--project", default=str(PROJECT), help="the code to serve")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args)
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    project = Path(args.project)
    env = django_env(args.database, project)
    flush_cache()
    # Debug off serves static files from the manifest that collectstatic writes.
    subprocess.run(
        [sys.executable, str(project / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )
    prepared = subprocess.run(
        [sys.executable, __file__, "--inside"], env=env, capture_output=True, text=True
    )
    if prepared.returncode:
        raise SystemExit(prepared.stderr)
    setup = json.loads(prepared.stdout.strip().splitlines()[-1])
    with tempfile.NamedTemporaryFile("w", delete=False) as sessions_file:
        sessions_file.write("\n".join(setup["sessions"]) + "\n")

    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "danang_intl.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=project,
    )
    results = {}
    try:
        wait_for_port(PORT)
        for label, path in PAGES.items():
            fetch(path, setup["sessions"][-1])
            wrk(path, sessions_file.name, seconds=2, connections=args.connections)  # warm-up
            results[label] = wrk(
                path,
                sessions_file.name,
                seconds=args.duration,
                connections=args.connections,
                think_ms=args.think_ms,
            )
            if results[label]["errors"]:
                raise SystemExit(f"{path}: {results[label]['errors']} failed requests")
        cold = cold_dashboard(setup["sessions"][0], args.cold_runs)
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.unlink(sessions_file.name)

    lines = [
        f"# Load test, database `{args.database}`",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}; gunicorn with {args.workers} sync workers, "
        f"DJANGO_DEBUG=0, cache on Redis; {args.connections} signed-in users at once (wrk, "
        f"one connection each, "
        + (f"{args.think_ms} ms pause after each answer" if args.think_ms else "no pause")
        + f"), {args.duration} s per page after a 2 s warm-up; "
        f"load average at the end {os.getloadavg()[0]:.1f}.",
        "",
        "| page | requests/s | median | p95 | p99 | queries, cache empty | queries, warm |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in results.items():
        count = setup["counts"][label]
        lines.append(
            f"| {label} (`{PAGES[label]}`) | {result['requests'] / result['seconds']:.0f} "
            f"| {result['p50']:.0f} ms | {result['p95']:.0f} ms | {result['p99']:.0f} ms "
            f"| {count['cold']} | {count['warm']} |"
        )
    lines += [
        "",
        f"Dashboard with the cache emptied before each request ({args.cold_runs} requests, one "
        f"at a time): median {statistics.median(cold):.0f} ms, slowest {max(cold):.0f} ms.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.label:
        (BENCH / f"load-{args.label}.md").write_text(text)


if __name__ == "__main__":
    main()
