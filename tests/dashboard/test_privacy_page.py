"""The privacy page, its callback called as a plain function."""

from __future__ import annotations

import sys
from typing import Any

from flask import Flask

from dashboard.app import init_dashboard


def texts(parts: list[Any]) -> list[str]:
    return [str(p.children) for p in parts]


def test_the_privacy_page_shows_the_notice_in_the_chosen_language(app: Flask) -> None:
    init_dashboard(app)
    # The page module as the dashboard loaded it (importing it again under another name would register it twice).
    page = next(m for name, m in sys.modules.items() if name.endswith("pages.privasi"))
    render_notice = page.render_notice

    english = texts(render_notice("en"))
    indonesian = texts(render_notice(None))
    assert english[0] == "Sumbar Siaga privacy notice"
    assert indonesian[0].startswith("Pemberitahuan privasi")
    assert any("90 days" in t for t in english)
    assert any("Undang-Undang Nomor 27 Tahun 2022" in t for t in english)
