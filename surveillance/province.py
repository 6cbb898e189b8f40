"""The province the figures are about: its Kemendagri code and its name."""

from __future__ import annotations

CODE = "13"
NAME = {"id": "Provinsi Sumatera Barat", "en": "West Sumatra province"}
