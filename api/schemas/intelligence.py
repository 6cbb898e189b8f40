"""Rt, transmission levels and early warning: queries and replies."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.schemas.cases import DATE, Rounded
from surveillance.rt import COVID_SI_MEAN, COVID_SI_STD


class RtQuerySchema(ma.Schema):
    si_mean = ma.fields.Float(load_default=COVID_SI_MEAN, validate=validate.Range(min=1.01, max=30))
    si_std = ma.fields.Float(load_default=COVID_SI_STD, validate=validate.Range(min=0.1, max=30))


class LevelQuerySchema(ma.Schema):
    week = ma.fields.Date(
        load_default=None,
        metadata={"description": "any day of the ISO week (Monday to Sunday); default the last complete week"},
    )


class SignalQuerySchema(ma.Schema):
    days = ma.fields.Integer(load_default=60, validate=validate.Range(min=10, max=365))


class RtEstimateSchema(ma.Schema):
    date_start = ma.fields.String(required=True, metadata=DATE)
    date_end = ma.fields.String(required=True, metadata=DATE)
    reported = ma.fields.Boolean(
        required=True, metadata={"description": "false: too few cases so far, no estimate is given"}
    )
    cases = ma.fields.Integer(required=True)
    cumulative_cases = ma.fields.Integer(required=True)
    mean = Rounded()
    std = Rounded()
    q025 = Rounded(metadata={"description": "2.5 % quantile of the posterior"})
    median = Rounded()
    q975 = Rounded(metadata={"description": "97.5 % quantile of the posterior"})


class RtSchema(ma.Schema):
    region = ma.fields.String(required=True)
    si_mean = ma.fields.Float(required=True)
    si_std = ma.fields.Float(required=True)
    window_days = ma.fields.Integer(required=True)
    method = ma.fields.String(required=True)
    not_reported_reason = ma.fields.String(required=True)
    estimates = ma.fields.List(ma.fields.Nested(RtEstimateSchema), required=True)


class BedHospitalSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)


class LevelAreaSchema(ma.Schema):
    region = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    demo = ma.fields.Boolean(required=True)
    cases_per_100k = Rounded(required=True, allow_none=True)
    deaths_per_100k = Rounded(required=True, allow_none=True)
    positivity_percent = Rounded(required=True, allow_none=True)
    bed_occupancy_percent = Rounded(required=True, allow_none=True)
    bed_occupancy_source = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "case_records, hospital_reports (the week's bed reports) or null when unknown"},
    )
    bed_hospitals = ma.fields.List(
        ma.fields.Nested(BedHospitalSchema),
        required=True,
        metadata={"description": "the hospitals whose reports gave the bed occupancy (hospital_reports only)"},
    )
    transmission_level = ma.fields.Integer(required=True, allow_none=True, validate=validate.Range(min=1, max=4))
    indicator_levels = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True)
    capacity = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "memadai, sedang or terbatas; null while an input is missing"},
    )
    situational_level = ma.fields.Integer(required=True, allow_none=True, validate=validate.Range(min=1, max=4))
    missing = ma.fields.List(
        ma.fields.String(), required=True, metadata={"description": "inputs not recorded for this week"}
    )


class LevelsSchema(ma.Schema):
    week_end = ma.fields.String(required=True, allow_none=True, metadata=DATE)
    areas = ma.fields.List(ma.fields.Nested(LevelAreaSchema), required=True)


class SignalSchema(ma.Schema):
    """One region and day. For the public, a day with a count of 1 to 4 people is withheld whole."""

    region = ma.fields.String(required=True)
    date = ma.fields.String(required=True, metadata=DATE)
    screenings = ma.fields.Integer(required=True, allow_none=True)
    suspect_or_symptomatic = ma.fields.Integer(required=True, allow_none=True)
    share_percent = Rounded(required=True, allow_none=True)
    c2 = Rounded(required=True, allow_none=True, metadata={"description": "EARS C2 statistic"})
    signal = ma.fields.Boolean(required=True, allow_none=True)
    suppressed = ma.fields.Boolean(
        required=True, metadata={"description": "true: counts of fewer than 5 people, so every figure is null"}
    )
