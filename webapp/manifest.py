"""The web app manifest that lets a phone install the app from the browser."""

from __future__ import annotations

from typing import Any

THEME_COLOUR = "#0b6e4f"
BACKGROUND_COLOUR = "#f7f9fb"
ICON_SIZES = (192, 512)


def manifest(static_url: str) -> dict[str, Any]:
    # The icons keep their symbol inside the central safe zone, so they also serve as maskable icons.
    icons = [
        {
            "src": f"{static_url}icons/icon-{size}.png",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for size in ICON_SIZES
        for purpose in ("any", "maskable")
    ]
    return {
        "id": "/app/",
        "name": "Sumbar Siaga",
        "short_name": "Sumbar Siaga",
        "description": "Periksa mandiri COVID-19, isolasi mandiri, dan tombol darurat untuk warga Sumatera Barat.",
        "lang": "id",
        "dir": "ltr",
        "start_url": "/app/",
        "scope": "/app",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
