"""Which regions a staff member may see: the whole province, or one kabupaten/kota."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from api.models import StaffUser
from api.services.exceptions import PermissionDenied
from screening.text import bilingual


@dataclass(frozen=True)
class Scope:
    """`regions` None means every region."""

    regions: frozenset[str] | None

    def allows(self, region_code: str | None) -> bool:
        return self.regions is None or region_code in self.regions

    def narrow(self, requested: str | None) -> Collection[str] | None:
        """The regions to filter on for an optional ?region= request; refuses regions outside the scope."""
        if requested is None:
            return self.regions
        if not self.allows(requested):
            raise PermissionDenied(
                bilingual(f"Wilayah {requested} di luar wewenang Anda.", f"Region {requested} is outside your area.")
            )
        return {requested}


def scope_of(user: StaffUser) -> Scope:
    if user.role == "satgas_kabkota":
        return Scope(frozenset({user.region_code or ""}))
    return Scope(None)
