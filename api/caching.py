"""Every cache the server keeps, in one map, and the small per-request and per-process memos most of them use.

"Why did the map not change after the import?" has one place to look. Each cache: where it lives, what it is
kept under, how long, what clears it, and why it earns its place.

derived case statistics
    where     Flask-Caching, `api.extensions.cache` (Redis with SUMBAR_REDIS_URL; else files in instance/cache,
              shared by the machine's workers; one SimpleCache per app under TESTING);
              `api/services/case_stats.py` `Statistics`
    key       "areas", "rows:CODE", "weeks", "summary", "panel:MEASURE", "dates", "rt:CODE", each stored
              beside the data version it was derived from
    lifetime  CACHE_DEFAULT_TIMEOUT (7 days)
    cleared   never deleted: an entry of another version is a miss; `case_stats.refresh()` derives every part
              again after each write, `refresh_if_stale()` after a flushed cache
    why       the series take seconds to derive; every worker reads them instead

public hospital lists
    where     the same cache, `api/resources/hospitals.py` (the JSON of GET /api/v1/hospitals as sent)
    key       "hospital-list:" and a hash of the hospitals' data version, region, has_free and `near` rounded
              to 3 decimals (about 110 m; distances are measured from that point), so no place can be read
    lifetime  an hour (LIST_SECONDS): the data version names the hour, since ages are given in whole hours;
              an age or a 24-hour staleness in a list can therefore lag by up to an hour, as a 304 to the
              phone that keeps the list would
    cleared   never deleted: a bed report written, a hospital added, or the next hour is a new data version,
              so a new key; the old entries expire
    why       serializing 77 hospitals with their reports cost ~10x a /healthz on every request; phones near
              each other and the ones that ask again share one list

the hospitals' data version
    where     `request.environ`, `api/resources/hospitals.py` `list_version`
    lifetime  one request
    why       the ETag and the list's key both need it; each reading is two queries

generation token
    where     the same cache, `case_store.GENERATION_KEY`
    lifetime  CACHE_DEFAULT_TIMEOUT
    cleared   replaced by every `case_stats.refresh()`
    why       part of the data version: tells apart two states of the case data whose row count, latest
              change and populations agree

data version
    where     `per_request` below (`flask.g`), and `recent` below (per process), `case_store.data_version()`
    key       "case_data_version"
    lifetime  one request or command; at most VERSION_MAX_AGE_SECONDS (1 s) in a process
    cleared   `case_store.forget_version()`, after a change made in the same request or command; other
              processes within the second (a statistic one of them derives meanwhile is derived again)
    why       the validators and statistics of one request ask for it several times; each reading counts and
              scans the case table, and every dashboard request and case-data reply needs it

recent figures
    where     `recent` below, per process
    key       the caller's: ("situation", region, lang, day) and ("hospitals", region) in `api/services/screening.py`;
              ("checkin hospitals", region) in `api/services/isolation_checkins.py` (an urgent check-in
              without a pin); ("first_paint", path, lang, day) in `dashboard/data.py` (a page's HTML before
              its scripts)
    lifetime  the caller's `max_age_seconds` (10 s for each of these)
    cleared   `forget_recent()` (called by `forget_version()`, and by `api/services/bed_reports.py` after a
              report) in this process; other processes within the age
    why       every screening reply names its region's situation, and an urgent one the hospitals with a free
              bed (every hospital's latest report read: a third of the reply's time): at 100 screenings a
              second, neither is read again for each reply; the summary's first paint was 7 ms of each visit

the device behind a rate-limited request
    where     `per_request` below, `api/rate_limits.py`
    key       "sumbar.limited_device"
    lifetime  one request
    cleared   the request's end
    why       the limit asks whether the bearer token names a registered device before the view does

regions' codes, centroids and names
    where     `per_process` below, `api/services/regions.py`
    lifetime  the process; nothing is kept while the table is empty
    cleared   `load_regions()` in the process that loads; other processes at their restart (the 19 regions
              change only with a release's reference data)
    why       checked on every submission, named on every alert

configured boundaries
    where     `per_process`, `api/geo.py` (the regions' shapes) and `api/services/maps.py` (what maps draw)
    key       SUMBAR_BOUNDARIES' path
    lifetime  the process
    cleared   another path
    why       reading and dissolving a boundary file takes seconds

the province's areas
    where     `per_process`, `api/services/alert_locations.py` `_province_areas` (the map boundaries' polygons
              with their bounding boxes)
    key       SUMBAR_BOUNDARIES' path (none for the shipped file)
    lifetime  the process
    cleared   another path
    why       every alert card asks whether its fix is in the province; the boxes let most skip the polygons

files shipped with the code
    where     `functools.cache`: `case_stats.codebook`, `open_data._shipped`, `hospitals.hospitals`,
              `maps.shipped_boundaries`, the questionnaires in `screening/questionnaire.py`, plotly's bundles
              in `dashboard/plotly_js.py`; also `accounts._dummy_hash`
    lifetime  the process
    cleared   a release, which restarts the processes
    why       read from the package once; nothing changes them under a running process

the residents' app shell
    where     `functools.lru_cache(maxsize=4)`, `webapp/shell.py` `_scan`
    key       every file's modification time and size
    cleared   a changed file (a new key)
    why       page, service worker and files stay in step at one stat per file per request

compressed static files
    where     Flask-Compress's backend, `api/static_files.py` `CompressedOnce`, per process
    key       the file's URL with its version
    cleared   a release; least recently used dropped first
    why       compressing plotly's bundle took 0.35 s of CPU on every download; at brotli level 10
              (`brotli_once`) Dash's bundles come 14 % smaller for 0.4 s of CPU once per process

public Dash replies
    where     `dashboard/case_data_replies.py` `ReplyCopies`, one per process, made in `dashboard/app.py`
    key       the callback and its inputs, beside the data version
    lifetime  PUBLIC_REPLY_CACHE_MB, least recently used dropped first
    cleared   a new data version (a copy of another version is a miss)
    why       a public page view costs a lookup, not three figures built and serialized: the copy is the
              reply's body as Dash sent it, answered before Dash reads the request (the summary's 130 KB were
              read back and encoded again on every view when the figures were kept instead)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app, g, has_app_context

T = TypeVar("T")
RECENT = "sumbar.recent"
_PROCESS = "sumbar.per_process"


def per_request(name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per request or command (outside an app context, every time)."""
    if not has_app_context():
        return compute()
    if name in g:
        found: T = g.get(name)
        return found
    value = compute()
    setattr(g, name, value)
    return value


def forget_per_request(name: str) -> None:
    if has_app_context():
        g.pop(name, None)


def per_process(name: str, load: Callable[[], T], key: Hashable = None) -> T:
    """`load()` once per process and `key`; an empty result is not kept (the data may not be loaded yet)."""
    memo: dict[str, tuple[Hashable, Any]] = current_app.extensions.setdefault(_PROCESS, {})
    entry = memo.get(name)
    if entry is not None and entry[0] == key:
        found: T = entry[1]
        return found
    value = load()
    if value:
        memo[name] = (key, value)
    return value


def forget_per_process(*names: str) -> None:
    memo: dict[str, Any] = current_app.extensions.get(_PROCESS, {})
    for name in names:
        memo.pop(name, None)


def recent(key: Hashable, max_age_seconds: float, compute: Callable[[], T]) -> T:
    """A value computed at most `max_age_seconds` ago in this process.

    For replies on a hot path that may lag a change of the case data by a few seconds; a change made
    through this process is seen at once (`forget_recent`).
    """
    memo: dict[Hashable, tuple[float, Any]] = current_app.extensions.setdefault(RECENT, {})
    now = time.monotonic()
    entry = memo.get(key)
    if entry is not None and now - entry[0] < max_age_seconds:
        found: T = entry[1]
        return found
    value = compute()
    memo[key] = (now, value)
    return value


def forget_recent() -> None:
    if has_app_context():
        current_app.extensions.get(RECENT, {}).clear()
