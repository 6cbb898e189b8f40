"""Scheduled jobs: idempotent functions and the JOBS table the scheduler process reads."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from api.services import privacy
from api.services.accounts import purge_expired_tokens
from api.services.alert_escalation import escalate_overdue
from api.services.alert_moves import expire_stale_alerts
from api.services.case_import import import_text
from api.services.case_stats import refresh_if_stale
from api.services.channel_inbound import answer_waiting
from api.services.dispatcher import dispatch_due
from api.services.idempotency import purge_idempotency_records
from api.services.isolation_monitoring import complete_finished_episodes, flag_silent_episodes, send_checkin_reminders

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    func: Callable[[], Any]
    trigger: str
    trigger_args: dict[str, Any] = field(default_factory=dict)
    description: str = ""


def purge_staff_tokens() -> int:
    removed = purge_expired_tokens()
    log.info("removed %d expired staff tokens", removed)
    return removed


def purge_idempotency_keys() -> int:
    hours = current_app.config["IDEMPOTENCY_KEY_HOURS"]
    removed = purge_idempotency_records(dt.timedelta(hours=hours))
    log.info("removed %d idempotency records older than %d hours", removed, hours)
    return removed


def escalate_alerts() -> dict[str, int]:
    counts = escalate_overdue()
    if any(counts.values()):
        log.warning("escalated alerts: %s", counts)
    return counts


def expire_alerts() -> int:
    expired = expire_stale_alerts("expire_alerts")
    if expired:
        log.info("expired %d alerts left open without activity", expired)
    return expired


def pull_cases() -> str:
    """Fetch SUMBAR_CASES_URL (CSV or prov_detail JSON) and import it like a file; a bad file changes nothing."""
    url = current_app.config.get("CASES_URL")
    if not url:
        return "SUMBAR_CASES_URL is not set"
    with urllib.request.urlopen(url, timeout=60) as reply:
        text = reply.read().decode("utf-8-sig")
    report = import_text(
        text, source="pull", actor="job:pull_cases", default_region=current_app.config.get("CASES_URL_REGION")
    )
    if report.problems:
        first = report.problems[0]
        log.error(
            "pulled case file refused: %d problems, first: row %d %s: %s",
            *(len(report.problems), first.row, first.field, first.message["en"]),
        )
        return f"refused: {len(report.problems)} problems"
    replaced = "".join(f", demo series of {code} replaced" for code in report.replaced_demo)
    return f"{report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged{replaced}"


def send_notifications() -> dict[str, int]:
    counts = dispatch_due()
    if counts["dead"]:
        log.warning("notifications given up: %d (GET /api/v1/notifications?status=dead)", counts["dead"])
    return counts


def answer_messages() -> dict[str, int]:
    """Answer the WhatsApp and SMS messages the webhooks stored, then send the replies at once (the dispatcher's
    claims are safe beside the send_notifications job)."""
    answered = answer_waiting()
    counts = dispatch_due() if answered else {"sent": 0, "retry": 0, "dead": 0}
    return {"answered": answered, **counts}


def case_statistics() -> str:
    """Derive the case statistics again if the shared cache lost them, so no visitor waits for it."""
    return "derived again" if refresh_if_stale() else "current"


JOBS: dict[str, Job] = {
    # Every few seconds, in the scheduler process that already runs each job once across machines
    # (docs/notifications.md); claims are safe to run beside another dispatcher.
    "send_notifications": Job(
        send_notifications, "interval", {"seconds": 5}, "Send queued notifications; retry failures; give up into dead"
    ),
    # The webhooks answer at once and store; this job answers the residents (docs/channels.md).
    "answer_messages": Job(
        answer_messages, "interval", {"seconds": 2}, "Answer stored WhatsApp and SMS messages and send the replies"
    ),
    "isolation_reminders": Job(
        send_checkin_reminders, "interval", {"minutes": 15}, "Remind residents silent for 12 hours"
    ),
    "isolation_silence": Job(
        flag_silent_episodes, "interval", {"minutes": 15}, "Flag episodes silent for 24 hours; escalate at 48 hours"
    ),
    "isolation_completion": Job(
        complete_finished_episodes, "interval", {"hours": 1}, "Complete episodes past their end date"
    ),
    "escalate_alerts": Job(
        escalate_alerts, "interval", {"seconds": 30}, "Escalate unacknowledged alerts to the province, then to admins"
    ),
    "expire_alerts": Job(
        expire_alerts,
        "interval",
        {"minutes": 15},
        "Close alerts left open without activity (SUMBAR_ALERT_EXPIRY_HOURS)",
    ),
    "pull_cases": Job(pull_cases, "interval", {"hours": 6}, "Import the case file at SUMBAR_CASES_URL, if set"),
    "case_statistics": Job(
        case_statistics, "interval", {"minutes": 10}, "Derive the case statistics again if the shared cache lost them"
    ),
    "purge_staff_tokens": Job(purge_staff_tokens, "interval", {"hours": 1}, "Delete expired staff tokens"),
    "privacy_purge": Job(
        privacy.purge, "interval", {"hours": 24}, "Remove personal data past its retention period (docs/security.md)"
    ),
    "purge_idempotency_keys": Job(
        purge_idempotency_keys, "interval", {"hours": 1}, "Forget Idempotency-Key replies past their retention"
    ),
}
