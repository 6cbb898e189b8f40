"""WhatsApp and SMS webhooks: the providers' signed notifications in, stored at once, answered by the channel job."""

from __future__ import annotations

import hmac
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import abort
from pywa.utils import webhook_updates_validator
from twilio.request_validator import RequestValidator

from api.clock import utcnow
from api.schemas.channels import VerifyQuerySchema, WebhookReceivedSchema
from api.services.channel_inbound import store_inbound
from api.services.channel_updates import record_statuses, sms_message, whatsapp_messages, whatsapp_statuses
from api.smorest import Blueprint
from screening.text import bilingual

blp = Blueprint("channels", __name__, url_prefix="/api/v1/channels", description="WhatsApp and SMS conversations")

NOT_VERIFIED = bilingual("Token verifikasi tidak cocok.", "The verify token does not match.")
BAD_SIGNATURE = bilingual("Tanda tangan permintaan tidak sah.", "The request signature is not valid.")
NOT_AN_UPDATE = bilingual("Isi permintaan bukan notifikasi JSON.", "The body is not a JSON notification.")
# Twilio sends nothing itself for an empty TwiML reply: answers go through the outbox.
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
PLAIN = {"text/plain": {"schema": {"type": "string"}}}
TWIML = {"text/xml": {"schema": {"type": "string"}}}


@blp.route("/whatsapp/webhook")
class WhatsAppWebhook(MethodView):
    @blp.arguments(VerifyQuerySchema, location="query")
    @blp.doc(responses={200: {"description": "hub.challenge, echoed", "content": PLAIN}})
    def get(self, query: dict[str, Any]) -> Any:
        """The Cloud API's verification handshake: hub.challenge echoed when hub.verify_token is ours (else 403)"""
        expected = str(current_app.config.get("WHATSAPP_VERIFY_TOKEN") or "")
        given = str(query.get("verify_token") or "")
        matches = bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
        if query.get("mode") != "subscribe" or not matches or query.get("challenge") is None:
            abort(403, message=NOT_VERIFIED)
        return Response(str(query["challenge"]), mimetype="text/plain")

    @blp.response(200, WebhookReceivedSchema)
    def post(self) -> Any:
        """Message and status notifications, signed with X-Hub-Signature-256 (401 otherwise, nothing stored)

        Answered at once: messages are stored (a repeat of a message id is dropped) and answered by the
        channel job; delivery and read receipts are recorded on the outbox rows they name.
        """
        secret = str(current_app.config.get("WHATSAPP_APP_SECRET") or "")
        signature = request.headers.get("X-Hub-Signature-256", "")
        raw = request.get_data(cache=True)
        if not secret or not signature.startswith("sha256=") or not webhook_updates_validator(secret, raw, signature):
            abort(401, message=BAD_SIGNATURE)
        update = request.get_json(silent=True)
        if not isinstance(update, dict):
            abort(400, message=NOT_AN_UPDATE)
            return None  # abort raises; flask-smorest gives it no NoReturn type
        stored = sum(store_inbound("whatsapp", m.provider_id, m.address, m.body) for m in whatsapp_messages(update))
        receipts = record_statuses(whatsapp_statuses(update), utcnow())
        return {"messages": stored, "statuses": receipts}


@blp.route("/sms/inbound")
class SmsInbound(MethodView):
    @blp.doc(responses={200: {"description": "an empty TwiML reply (answers go through the outbox)", "content": TWIML}})
    def post(self) -> Any:
        """Twilio's inbound SMS (form fields From, To, Body, MessageSid), signed with X-Twilio-Signature (401 else)"""
        token = str(current_app.config.get("SMS_AUTH_TOKEN") or "")
        # Twilio signs the URL it was configured with; behind a proxy that changes it, SUMBAR_SMS_INBOUND_URL.
        url = str(current_app.config.get("SMS_INBOUND_URL") or request.url)
        form = request.form.to_dict()
        signature = request.headers.get("X-Twilio-Signature", "")
        if not token or not RequestValidator(token).validate(url, form, signature):
            abort(401, message=BAD_SIGNATURE)
        incoming = sms_message(form)
        if incoming is not None:
            store_inbound("sms", incoming.provider_id, incoming.address, incoming.body)
        return Response(EMPTY_TWIML, mimetype="text/xml")
