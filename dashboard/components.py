"""Shared pieces of the dashboard: labels in both languages and the navigation bar."""

from __future__ import annotations

from dash import html

LANGS = ("id", "en")

LABELS: dict[str, dict[str, str]] = {
    "nav_home": {"id": "Ringkasan", "en": "Summary"},
    "footer": {
        "id": "Sumbar Siaga — informasi COVID-19 Provinsi Sumatera Barat",
        "en": "Sumbar Siaga — COVID-19 information for West Sumatra province",
    },
    "api_docs": {"id": "Dokumentasi API", "en": "API documentation"},
    "home_title": {"id": "Kabupaten/kota di Sumatera Barat", "en": "Regencies and cities of West Sumatra"},
    "home_intro": {
        "id": "19 kabupaten/kota, kode Kemendagri, dan jumlah penduduk Sensus Penduduk 2020 (BPS).",
        "en": "The 19 regencies and cities, their Kemendagri codes and 2020 census population (BPS).",
    },
    "col_code": {"id": "Kode", "en": "Code"},
    "col_name": {"id": "Nama", "en": "Name"},
    "col_capital": {"id": "Ibu kota", "en": "Capital"},
    "col_population": {"id": "Penduduk 2020", "en": "Population 2020"},
    "col_area": {"id": "Luas (km²)", "en": "Area (km²)"},
    "total": {"id": "Provinsi", "en": "Province"},
}

NAV_ITEMS = (("nav_home", "/"),)


def label(key: str, lang: str) -> str:
    texts = LABELS[key]
    return texts.get(lang) or texts["id"]


def navigation(lang: str) -> list[html.A]:
    return [html.A(label(key, lang), href=href, className="nav-link") for key, href in NAV_ITEMS]


def thousands(value: float, lang: str, decimals: int = 0) -> str:
    """Indonesian uses a dot for thousands and a comma for decimals."""
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text
