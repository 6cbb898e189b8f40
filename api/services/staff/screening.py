"""The task force's reads of submitted screening responses, limited to the reader's region."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from api.models import ScreeningResponse, StaffUser
from api.services import screening
from api.services.access_log import record_access
from api.services.staff.roles import RESPONDERS, admit, page_size


def response_list(
    user: StaffUser,
    *,
    region_code: str | None = None,
    questionnaire_id: str | None = None,
    category: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[Sequence[ScreeningResponse], int]:
    """One page of the responses `user` may see, newest first, and the total (logged as a read)."""
    rows, total = screening.list_responses(
        admit(user, RESPONDERS),
        region_code=region_code,
        questionnaire_id=questionnaire_id,
        category=category,
        since=since,
        until=until,
        limit=page_size(limit),
        offset=offset,
    )
    record_access(user, "screening.list", region_code, len(rows), ids=[r.id for r in rows])
    return rows, total


def response_detail(user: StaffUser, response_id: uuid.UUID) -> ScreeningResponse:
    """One response in `user`'s scope (NotFound outside it; logged as a read)."""
    response = screening.get_scoped_response(response_id, admit(user, RESPONDERS))
    record_access(user, "screening.read", str(response_id), 1)
    return response
