"""Home isolation: episodes, offline-safe check-ins with triage, staff follow-up, gathered under one name.

Each use case lives in its own module (isolation_start, isolation_checkins, isolation_follow_up; what is read:
isolation_views); callers import them from here.
"""

from __future__ import annotations

from api.services.isolation_checkins import StoredCheckin, add_checkins, checkin_replies
from api.services.isolation_follow_up import add_note, clear_flag, close_episode
from api.services.isolation_records import event, open_alert_for, own_episode, scoped_episode
from api.services.isolation_start import change_place, start_episode
from api.services.isolation_views import (
    CheckinBatchReply,
    CheckinReply,
    CheckinView,
    EpisodeListing,
    EpisodeView,
    FlaggedCounts,
    checkin_view,
    checkins_of,
    count_flagged,
    episode_events,
    episode_view,
    flags_of,
    list_episodes,
)

__all__ = [
    "CheckinBatchReply",
    "CheckinReply",
    "CheckinView",
    "EpisodeListing",
    "EpisodeView",
    "FlaggedCounts",
    "StoredCheckin",
    "add_checkins",
    "add_note",
    "change_place",
    "checkin_replies",
    "checkin_view",
    "checkins_of",
    "clear_flag",
    "close_episode",
    "count_flagged",
    "episode_events",
    "episode_view",
    "event",
    "flags_of",
    "list_episodes",
    "open_alert_for",
    "own_episode",
    "scoped_episode",
    "start_episode",
]
