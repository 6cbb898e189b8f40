"""Check-in benchmark: POST /api/v1/isolations/<id>/checkins beside a bare endpoint and two floors."""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.request
from typing import Any

from scripts.bench import against_floor, floor_report, gunicorn, prepare_database, wrk

EPISODES = 200
# Earlier check-ins per episode before the load: five days of a morning and an evening report.
HISTORY = 10
# One check-in in this many reads SpO2 94 (urgent: the reply names hospitals with a free bed); the rest are stable.
URGENT_EVERY = 20
# The baseline's check-in floor: the statements a check-in cannot do without, through the driver (bench_baseline).
STATEMENTS = ("/checkin/", "")
# The body the baselines parse: a check-in as the residents' app sends it.
BODY = {"measured_at": "", "temperature_c": 37.0, "spo2": 97, "symptoms": [], "client_id": ""}
LUA = """
local episodes = {{}}
{entries}
-- Each of wrk's threads takes its own episodes in turn and numbers its own client_ids.
local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end
local sent = 0
request = function()
  sent = sent + 1
  local e = episodes[(thread_id * 97 + sent - 1) % #episodes + 1]
  local spo2 = (sent % {urgent_every} == 0) and 94 or 97
  local body = string.format(
    '{{"measured_at": "{measured_at}", "temperature_c": 37.0, "spo2": %d, "symptoms": [], "client_id": "{run}-%d-%d"}}',
    spo2, thread_id, sent)
  local headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. e[1]}}
  return wrk.format("POST", "{prefix}" .. e[2] .. "{suffix}", headers, body)
end
"""


def _post(url: str, body: Any, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def _episodes(base: str, now: dt.datetime) -> list[tuple[str, str]]:
    """Devices, each with an episode started six days ago and HISTORY earlier check-ins: (token, episode id)."""
    start = (now - dt.timedelta(days=6)).date().isoformat()
    episodes = []
    for index in range(EPISODES):
        token = _post(base + "/api/v1/devices", {"platform": "android", "app_version": "1.0.0"})["token"]
        episode = _post(
            base + "/api/v1/isolations",
            {"reason": "confirmed_symptomatic", "start_date": start, "region": "13.71"},
            token,
        )["id"]
        history = [
            {
                "measured_at": (now - dt.timedelta(hours=12 * k + 1)).isoformat(),
                "temperature_c": 36.8 + (k % 3) / 10,
                "spo2": 96 + k % 3,
                "symptoms": ["cough"] if k > 6 else [],
                "client_id": f"history-{index}-{k}",
            }
            for k in range(HISTORY, 0, -1)
        ]
        _post(base + f"/api/v1/isolations/{episode}/checkins/batch", history, token)
        episodes.append((token, episode))
    return episodes


def _script(episodes: list[tuple[str, str]], measured_at: str, run: str, path: tuple[str, str]) -> str:
    entries = "\n".join(f'episodes[{n}] = {{"{token}", "{episode}"}}' for n, (token, episode) in enumerate(episodes, 1))
    prefix, suffix = path
    return LUA.format(
        entries=entries, measured_at=measured_at, run=run, urgent_every=URGENT_EVERY, prefix=prefix, suffix=suffix
    )


def _engine(database_url: str) -> Any:
    import sqlalchemy as sa

    url = sa.make_url(database_url)
    if url.drivername.startswith("postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return sa.create_engine(url)


def forget_run(database_url: str, run: str) -> None:
    """Delete the check-ins one wrk run stored (their client_ids begin with its name)."""
    import sqlalchemy as sa

    engine = _engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM checkins WHERE client_id LIKE :run"), {"run": f"{run}-%"})
    engine.dispose()


def stored_checkin_bytes(database_url: str) -> int:
    """The average size of what the product stored per check-in (its text and JSON columns), plus its other columns."""
    import sqlalchemy as sa

    cast = "::text" if database_url.startswith("postgresql") else ""
    sizes = " + ".join(
        [
            "coalesce(length(client_id), 0)",
            "coalesce(length(note), 0)",
            *(f"length({column}{cast})" for column in ("symptoms", "danger_signs", "reasons")),
        ]
    )
    engine = _engine(database_url)
    with engine.connect() as connection:
        average = connection.execute(sa.text(f"SELECT avg({sizes}) FROM checkins")).scalar()
    engine.dispose()
    return int(average or 0) + 120


def run(database_url: str, workers: int, seconds: int, connections: int, rounds: int) -> dict[str, Any]:
    """The check-in POST beside the bare JSON endpoint, the durable-write floor (one row of a stored check-in's
    size inserted and committed with the driver) and the necessary-statements floor (a check-in's own statements
    through the driver), all under gunicorn with the same workers and threads."""
    prepare_database(database_url)
    # Check-ins carry no rate limit; device registration is limited per address, and wrk's setup comes from one.
    env = {
        "SUMBAR_DATABASE_URL": database_url,
        "SUMBAR_DEVICE_REGISTRATION_LIMIT": "1000000 per minute",
        "SUMBAR_TRY_OUT": "true",  # a measurement, not a deployment: no privacy contact needed
    }
    # One measurement time for the whole run, a few minutes ago: within the allowed window, after the history.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    measured_at = (now - dt.timedelta(minutes=5)).isoformat()
    body = json.dumps({**BODY, "measured_at": measured_at, "client_id": "bench"})
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "durable": [], "statements": [], "product": []}
    calls = 0

    def checkins(
        base: str, length: int, path: tuple[str, str] = ("/api/v1/isolations/", "/checkins")
    ) -> dict[str, float]:
        nonlocal calls
        calls += 1  # client_ids of every wrk run of their own: none is a duplicate
        result = wrk(base + "/", None, length, connections, lua=_script(episodes, measured_at, f"run{calls}", path))
        if path == STATEMENTS:
            # The floor stores real check-ins in the product's episodes, several times as many as the product does:
            # taken out again, so that the product's episodes grow only by the product's own check-ins.
            forget_run(database_url, f"run{calls}")
        return result

    with gunicorn("wsgi:app", workers, env) as product:
        episodes = _episodes(product, now - dt.timedelta(minutes=10))
        checkins(product, 2)  # warm up
        row_bytes = stored_checkin_bytes(database_url)
        with gunicorn("scripts.bench_baseline:app", workers, {**env, "BENCH_ROW_BYTES": str(row_bytes)}) as baseline:
            wrk(baseline + "/echo", body, 2, connections)
            wrk(baseline + "/store", body, 2, connections)
            checkins(baseline, 2, STATEMENTS)
            for _ in range(rounds):
                runs["bare"].append(wrk(baseline + "/echo", body, seconds, connections))
                runs["durable"].append(wrk(baseline + "/store", body, seconds, connections))
                runs["statements"].append(checkins(baseline, seconds, STATEMENTS))
                runs["product"].append(checkins(product, seconds))

    return {
        "database": database_url.split(":")[0],
        "workers": workers,
        "threads": int(os.environ.get("WEB_THREADS", "16")),
        "connections": connections,
        "seconds_per_round": seconds,
        "rounds": rounds,
        "episodes": EPISODES,
        "history": HISTORY,
        "row_bytes": row_bytes,
        **against_floor(runs),
    }


def report(result: dict[str, Any]) -> str:
    heading = (
        f"check-in POST on {result['database']}, {result['workers']} gunicorn workers x {result['threads']} threads, "
        f"{result['connections']} connections, {result['rounds']} x {result['seconds_per_round']} s (medians); "
        f"{result['episodes']} episodes with {result['history']} earlier check-ins each, 1 in {URGENT_EVERY} urgent; "
        f"durable floor rows of {result['row_bytes']} bytes"
    )
    return floor_report(heading, result, "check-in POST")
