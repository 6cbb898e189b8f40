"""The admins' read of staff accounts."""

from __future__ import annotations

from api.models import StaffUser
from api.services import accounts
from api.services.staff.roles import ADMINS, admit, page_size


def account_list(user: StaffUser, *, limit: int = 100, offset: int = 0) -> accounts.StaffListing:
    """One page of every staff account, by username (staff data, not residents': not logged)."""
    admit(user, ADMINS)
    return accounts.list_staff_users(limit=page_size(limit), offset=offset)
