"""Response times: how long alerts waited for a task force to claim them."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import PROVINCE_CODE, Alert
from api.services.scope import Scope
from surveillance.response_times import ResponseTimes, by_group, summarise


def response_times(scope: Scope, days: int = 7) -> dict[str | None, ResponseTimes]:
    """Median and 90th percentile time to acknowledge, per region, for alerts raised in the last `days`."""
    since = utcnow() - dt.timedelta(days=days)
    query = sa.select(Alert.region_code, Alert.created_at, Alert.acknowledged_at).where(
        Alert.created_at >= since, Alert.acknowledged_at.is_not(None)
    )
    if scope.regions is not None:
        query = query.where(Alert.region_code.in_(scope.regions))
    pairs = [
        (row.region_code or PROVINCE_CODE, (row.acknowledged_at - row.created_at).total_seconds())
        for row in db.session.execute(query)
    ]
    groups: dict[str | None, ResponseTimes] = dict(by_group(pairs).items())
    groups[None] = summarise(seconds for _, seconds in pairs)
    return groups
