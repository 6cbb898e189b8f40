"""Resident devices: the app registers once and keeps the returned token."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.rate_limits import per_address
from api.resources.common import rate_limited
from api.schemas.devices import DeviceCreateSchema, DeviceSchema
from api.services.devices import register_device
from api.smorest import Blueprint

blp = Blueprint("devices", __name__, url_prefix="/api/v1/devices", description="Resident device registration")


@blp.route("")
class Devices(MethodView):
    # Registration is anonymous: bound it per address so a script cannot mint tokens without end, at a height
    # a crowd behind one carrier's NAT does not reach (api/rate_limits.py).
    decorators = [per_address("DEVICE_REGISTRATION_LIMIT")]

    @rate_limited(blp, "registrations from this address (SUMBAR_DEVICE_REGISTRATION_LIMIT)")
    @blp.arguments(DeviceCreateSchema)
    @blp.response(201, DeviceSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Register a device and get its bearer token (shown once, stored only as a hash)

        Records the device creates (screening responses, alerts, isolation episodes) can be read
        only with this token.
        """
        device, token = register_device(body["platform"], body["app_version"], body["privacy_notice_version"])
        return {"id": device.id, "token": token, "created_at": device.created_at}
