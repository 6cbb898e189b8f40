"""Which push services the server will POST to: an allow-list of origins, so a subscription cannot aim it elsewhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# The browsers' push services: Chrome and other Chromium browsers (Firebase Cloud Messaging), Firefox (Mozilla
# autopush), Edge (Windows Push Notification Services, one host per region), Safari (Apple Push Notification
# service for the web).
DEFAULT_PUSH_SERVICES = (
    "https://fcm.googleapis.com",
    "https://updates.push.services.mozilla.com",
    "https://*.notify.windows.com",
    "https://web.push.apple.com",
)


def push_services(config: Mapping[str, Any]) -> list[str]:
    """SUMBAR_PUSH_SERVICES (comma-separated origins) when set, which replaces the default list."""
    configured = config.get("PUSH_SERVICES")
    if not configured:
        return list(DEFAULT_PUSH_SERVICES)
    return [origin.strip().rstrip("/").lower() for origin in str(configured).split(",") if origin.strip()]


def allowed(endpoint: str, origins: list[str]) -> bool:
    """True when the endpoint's scheme, host and port are one of `origins` exactly ("*." matches any subdomain).

    An http origin is allowed only when listed (a local receiver in tests); user info, other ports and hosts
    that merely end alike are refused.
    """
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        return False
    host = parts.hostname.lower()
    for origin in origins:
        listed = urlsplit(origin)
        if listed.scheme != parts.scheme or not listed.hostname:
            continue
        default = 443 if listed.scheme == "https" else 80
        if (port or default) != (listed.port or default):
            continue
        pattern = listed.hostname.lower()
        if pattern == host:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
            return True
    return False


def origin_of(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"
