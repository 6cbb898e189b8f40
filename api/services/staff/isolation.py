"""The task force's reads of home isolation: the monitoring board, one episode, and the flagged counts."""

from __future__ import annotations

import uuid

from api.models import StaffUser
from api.services import isolation
from api.services.access_log import record_access
from api.services.staff.roles import RESPONDERS, admit, page_size


def episode_list(
    user: StaffUser,
    *,
    region_code: str | None = None,
    flag: str | None = None,
    status: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> isolation.EpisodeListing:
    """One page of the episodes `user` may see, most worrying first (logged as a read)."""
    listing = isolation.list_episodes(
        admit(user, RESPONDERS),
        region_code=region_code,
        flag=flag,
        status=status,
        limit=page_size(limit),
        offset=offset,
    )
    ids = [view.episode.id for view in listing.rows]
    record_access(user, "isolations.list", region_code, len(ids), ids=ids)
    return listing


def episode_detail(user: StaffUser, episode_id: uuid.UUID) -> isolation.EpisodeView:
    """One episode in `user`'s scope with its check-ins and audit trail (NotFound outside it; logged as a read)."""
    episode = isolation.scoped_episode(episode_id, admit(user, RESPONDERS))
    record_access(user, "isolations.read", str(episode_id), 1)
    return isolation.episode_view(episode, personal=True, with_events=True)


def flagged_counts(user: StaffUser) -> isolation.FlaggedCounts:
    """How many active episodes in `user`'s scope are emergencies or urgent (counts only: not logged)."""
    return isolation.count_flagged(admit(user, RESPONDERS))
