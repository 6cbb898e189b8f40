"""Which officers an alert is pushed to, as a table."""

from __future__ import annotations

import pytest

from screening.push_audience import officers_to_push


@pytest.mark.parametrize(
    ("level", "region", "kabkota_on_duty", "role"),
    [
        (0, "13.71", True, "satgas_kabkota"),
        (0, "13.71", False, "satgas_provinsi"),
        (0, None, False, "satgas_provinsi"),
        (1, "13.71", True, "satgas_provinsi"),
        (2, "13.71", True, "admin"),
        (2, None, False, "admin"),
    ],
)
def test_new_alerts_go_to_the_region_on_duty_else_the_province_and_escalations_up_the_ladder(
    level: int, region: str | None, kabkota_on_duty: bool, role: str
) -> None:
    assert officers_to_push(level, region, kabkota_on_duty) == role
