"""Rt, transmission levels and early-warning queries."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from surveillance.rt import COVID_SI_MEAN, COVID_SI_STD


class RtQuerySchema(ma.Schema):
    si_mean = ma.fields.Float(load_default=COVID_SI_MEAN, validate=validate.Range(min=1.01, max=30))
    si_std = ma.fields.Float(load_default=COVID_SI_STD, validate=validate.Range(min=0.1, max=30))


class LevelQuerySchema(ma.Schema):
    week = ma.fields.Date(
        load_default=None, metadata={"description": "any day of the ISO week; default the last complete week"}
    )


class SignalQuerySchema(ma.Schema):
    days = ma.fields.Integer(load_default=60, validate=validate.Range(min=10, max=365))
