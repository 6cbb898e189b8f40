"""Which roles may do what, and the one check of a staff member's role that every staff door makes."""

from __future__ import annotations

from collections.abc import Collection

from api.models import StaffUser
from api.services.exceptions import PermissionDenied
from api.services.scope import Scope, scope_of
from screening.text import bilingual

# Who answers alerts and follows up isolation (every region for admin and satgas_provinsi), and who
# publishes data and instructions.
RESPONDERS = ("admin", "satgas_provinsi", "satgas_kabkota")
EDITORS = ("admin", "editor")
ADMINS = ("admin",)

WRONG_ROLE = bilingual("Peran Anda tidak berwenang untuk tindakan ini.", "Your role is not allowed to do this.")

# The largest page any staff list gives, to the API and the console alike.
MAX_PAGE_SIZE = 500


def admit(user: StaffUser, roles: Collection[str]) -> Scope:
    """The regions `user` may see, once its role is one of `roles` (PermissionDenied otherwise)."""
    if user.role not in roles:
        raise PermissionDenied(WRONG_ROLE)
    return scope_of(user)


def page_size(limit: int) -> int:
    """A requested page size within 1 and MAX_PAGE_SIZE."""
    return max(1, min(limit, MAX_PAGE_SIZE))
