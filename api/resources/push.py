"""Web Push: the server's VAPID public key, residents' and officers' subscriptions, officers going on duty."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import current_staff, device_required, require_device, staff_required, staff_use_case
from api.schemas.push import (
    DutySchema,
    OnDutySchema,
    PushSubscriptionInSchema,
    PushSubscriptionSchema,
    VapidPublicKeySchema,
)
from api.schemas.staff import StaffUserSchema
from api.services import push
from api.services.staff import duty
from api.smorest import Blueprint
from api.vapid import public_key, vapid_key

blp = Blueprint("push", __name__, url_prefix="/api/v1", description="Web Push notifications")


@blp.route("/push/vapid-public-key")
class VapidPublicKey(MethodView):
    @blp.response(200, VapidPublicKeySchema)
    def get(self) -> Any:
        """The key browsers pass to PushManager.subscribe() as applicationServerKey"""
        return {"public_key": public_key(vapid_key())}


@blp.route("/devices/me/push-subscription")
class DevicePushSubscription(MethodView):
    @device_required(blp)
    @blp.arguments(PushSubscriptionInSchema)
    @blp.response(200, PushSubscriptionSchema)
    def put(self, body: dict[str, Any]) -> Any:
        """Send this device's pushes (check-in reminders, isolation changes, help on the way) to this subscription

        A device has one subscription; a new one replaces it. The endpoint must be at a known push service.
        """
        return push.subscribe_device(require_device(), body)

    @device_required(blp)
    @blp.response(204)
    def delete(self) -> None:
        """Stop pushes to this device"""
        push.unsubscribe_device(require_device())


@blp.route("/auth/me/push-subscriptions")
class StaffPushSubscriptions(MethodView):
    @staff_required(blp)
    @blp.response(200, PushSubscriptionSchema(many=True))
    def get(self) -> Any:
        """The signed-in officer's subscribed browsers"""
        return push.staff_subscriptions(current_staff())

    @staff_required(blp)
    @blp.arguments(PushSubscriptionInSchema)
    @blp.response(201, PushSubscriptionSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Push new alerts, escalations and monitoring emergencies (while on duty) to this browser too"""
        return push.subscribe_staff(current_staff(), body)


@blp.route("/auth/me/push-subscriptions/<int:subscription_id>")
class StaffPushSubscriptionById(MethodView):
    @staff_required(blp)
    @blp.response(204)
    def delete(self, subscription_id: int) -> None:
        """Stop pushes to one of the officer's browsers"""
        push.unsubscribe_staff(current_staff(), subscription_id)


@blp.route("/auth/me/duty")
class Duty(MethodView):
    @staff_use_case(blp)
    @blp.arguments(DutySchema)
    @blp.response(200, StaffUserSchema)
    def put(self, body: dict[str, Any]) -> Any:
        """Go on or off duty (responders): officers on duty are pushed the alerts of their scope; a new alert in a
        kabupaten/kota with nobody on duty and no console open goes to the province at once"""
        return duty.set_own_duty(current_staff(), body["on_duty"])


@blp.route("/users/on-duty")
class OnDuty(MethodView):
    @staff_use_case(blp)
    @blp.response(200, OnDutySchema(many=True))
    def get(self) -> Any:
        """Officers on duty, by the region they cover (region null: the province); admins and satgas_provinsi"""
        return [
            {"region": region, "officers": names} for region, names in duty.on_duty_by_region(current_staff()).items()
        ]


@blp.route("/users/<int:user_id>/duty")
class OfficerDuty(MethodView):
    @staff_use_case(blp)
    @blp.arguments(DutySchema)
    @blp.response(200, StaffUserSchema)
    def put(self, body: dict[str, Any], user_id: int) -> Any:
        """Put an officer (satgas_kabkota or satgas_provinsi) on or off duty; admins and satgas_provinsi"""
        return duty.set_officer_duty(current_staff(), user_id, body["on_duty"])
