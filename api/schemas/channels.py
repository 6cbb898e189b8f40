"""Replies of the WhatsApp and SMS webhooks."""

from __future__ import annotations

import marshmallow as ma


class WebhookReceivedSchema(ma.Schema):
    messages = ma.fields.Integer(required=True, metadata={"description": "new messages stored (repeats not counted)"})
    statuses = ma.fields.Integer(required=True, metadata={"description": "receipts recorded on sent messages"})


class VerifyQuerySchema(ma.Schema):
    mode = ma.fields.String(data_key="hub.mode", load_default=None)
    verify_token = ma.fields.String(data_key="hub.verify_token", load_default=None)
    challenge = ma.fields.String(data_key="hub.challenge", load_default=None)
