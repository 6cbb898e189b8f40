"""WhatsApp webhook benchmark: signed inbound messages per second through POST /api/v1/channels/whatsapp/webhook
(signature check, parse, store with the repeat check) beside /healthz of the same server, under gunicorn, loaded
by wrk. Each request carries a message id of its own, signed beforehand (wrk cannot compute HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import tempfile
from typing import Any

from scripts.bench import BIN, gunicorn, prepare_database, wrk, wrk_table

WEBHOOK = "/api/v1/channels/whatsapp/webhook"
SECRET = "bench-app-secret"
CONNECTIONS = 16
# Distinct signed messages; past them wrk starts over (repeats, answered and dropped by the id check).
MESSAGES = 10_000
LUA = """
local requests = {{}}
{entries}
-- Each of wrk's threads starts at its own share of the messages, so that no two send the same id.
local threads = 0
function setup(thread)
  thread:set("offset", threads * 5003)
  threads = threads + 1
end
local sent = 0
request = function()
  sent = sent + 1
  local r = requests[(offset + sent - 1) % #requests + 1]
  local headers = {{["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = r[1]}}
  return wrk.format("POST", "{path}", headers, r[2])
end
"""


def _update(index: int) -> bytes:
    message = {"from": f"62812{index % 5000:07d}", "id": f"wamid.bench{index}", "type": "text", "text": {"body": "1"}}
    value = {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "1"}, "messages": [message]}
    change = {"value": value, "field": "messages"}
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}).encode()


def _script() -> str:
    lines = []
    for index in range(MESSAGES):
        body = _update(index)
        signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        lines.append(f"requests[{index + 1}] = {{{json.dumps(signature)}, [[{body.decode()}]]}}")
    return LUA.format(entries="\n".join(lines), path=WEBHOOK)


def run(database_url: str, workers: int, seconds: int) -> dict[str, Any]:
    prepare_database(database_url)
    env = {"SUMBAR_DATABASE_URL": database_url, "SUMBAR_TRY_OUT": "true", "SUMBAR_WHATSAPP_APP_SECRET": SECRET}
    with gunicorn("wsgi:app", workers, env) as base:
        health = wrk(base + "/healthz", None, seconds, CONNECTIONS)
        inbound = wrk(base + WEBHOOK, None, seconds, CONNECTIONS, lua=_script())
    stored = subprocess.run(
        [str(BIN / "python"), "-c", _COUNT, database_url], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {
        "database": database_url.split(":")[0],
        "workers": workers,
        "healthz": health,
        "webhook": inbound,
        "stored": int(stored),
    }


_COUNT = (
    "import sys, sqlalchemy as sa; e = sa.create_engine(sys.argv[1].replace('postgresql://', 'postgresql+psycopg://'));\
print(e.connect().execute(sa.text('SELECT count(*) FROM channel_messages')).scalar())"
)


def report(result: dict[str, Any]) -> str:
    health, inbound = result["healthz"], result["webhook"]
    title = f"WhatsApp webhook on {result['database']}, {result['workers']} gunicorn workers, {CONNECTIONS} connections"
    return "\n".join(
        [
            *wrk_table(title, {"/healthz": health, "webhook (1 message)": inbound}),
            f"  inbound messages per second: {inbound['rps']:.0f} ({inbound['rps'] / health['rps']:.2f} of /healthz); "
            f"stored {result['stored']}; non-2xx replies: {health['non_2xx'] + inbound['non_2xx']}",
        ]
    )


if __name__ == "__main__":
    import sys

    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tmp}/channels.sqlite3"
        print(report(run(url, 2, 10)))
