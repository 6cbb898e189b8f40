"""Shared pieces of the dashboard: labels in both languages and the navigation bar."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

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
    "nav_console": {"id": "Satgas", "en": "Task force"},
    "console_title": {"id": "Konsol Satgas COVID-19", "en": "COVID-19 task-force console"},
    "login_title": {"id": "Masuk Satgas", "en": "Task-force sign-in"},
    "username": {"id": "Nama pengguna", "en": "Username"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "sign_in": {"id": "Masuk", "en": "Sign in"},
    "sign_out": {"id": "Keluar", "en": "Sign out"},
    "login_failed": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong username or password."},
    "not_responder": {"id": "Akun ini bukan akun Satgas.", "en": "This account is not a task-force account."},
    "queue": {"id": "Antrean peringatan", "en": "Alert queue"},
    "queue_empty": {"id": "Tidak ada peringatan.", "en": "No alerts."},
    "map": {"id": "Peta peringatan terbuka", "en": "Map of open alerts"},
    "map_alt": {
        "id": "{n} peringatan terbuka dengan lokasi di peta.",
        "en": "{n} open alerts with a location on the map.",
    },
    "response_times": {"id": "Waktu tanggap (7 hari terakhir)", "en": "Response times (last 7 days)"},
    "col_region_name": {"id": "Wilayah", "en": "Region"},
    "col_alerts": {"id": "Peringatan ditanggapi", "en": "Alerts acknowledged"},
    "col_median": {"id": "Median", "en": "Median"},
    "col_p90": {"id": "Persentil 90", "en": "90th percentile"},
    "all_regions": {"id": "Semua wilayah", "en": "All regions"},
    "province_queue": {"id": "Antrean provinsi", "en": "Province queue"},
    "claim": {"id": "Ambil", "en": "Claim"},
    "dispatch": {"id": "Berangkatkan", "en": "Dispatch"},
    "resolve": {"id": "Selesaikan", "en": "Resolve"},
    "new": {"id": "Baru", "en": "New"},
    "acknowledged": {"id": "Diambil", "en": "Acknowledged"},
    "dispatched": {"id": "Dalam perjalanan", "en": "Dispatched"},
    "resolved": {"id": "Selesai", "en": "Resolved"},
    "cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "medical": {"id": "Medis", "en": "Medical"},
    "breathing": {"id": "Sesak napas", "en": "Breathing"},
    "other": {"id": "Lainnya", "en": "Other"},
    "monitoring": {"id": "Pemantauan isolasi", "en": "Isolation monitoring"},
    "helped": {"id": "Dibantu", "en": "Helped"},
    "referred": {"id": "Dirujuk", "en": "Referred"},
    "false_alarm": {"id": "Alarm palsu", "en": "False alarm"},
    "unreachable": {"id": "Tidak dapat dihubungi", "en": "Unreachable"},
    "escalated": {"id": "DIESKALASI", "en": "ESCALATED"},
    "due_in": {"id": "batas tanggap {t} lagi", "en": "acknowledge within {t}"},
    "overdue": {"id": "terlambat {t}", "en": "overdue by {t}"},
    "age": {"id": "{t} lalu", "en": "{t} ago"},
    "presses": {"id": "ditekan {n}×", "en": "pressed {n}×"},
    "by": {"id": "oleh {who}", "en": "by {who}"},
    "done": {"id": "Berhasil: {action}.", "en": "Done: {action}."},
    "nav_monitoring": {"id": "Pemantauan isolasi", "en": "Isolation monitoring"},
    "monitoring_title": {"id": "Pemantauan isolasi mandiri", "en": "Home-isolation monitoring"},
    "all_flags": {"id": "Semua", "en": "All"},
    "flag_urgent": {"id": "Perlu diperiksa hari ini", "en": "Check today"},
    "flag_silent": {"id": "Tidak melapor 24 jam", "en": "Silent 24 h"},
    "flag_escalated": {"id": "Dieskalasi", "en": "Escalated"},
    "no_episodes": {"id": "Tidak ada episode aktif.", "en": "No active episodes."},
    "col_person": {"id": "Nama", "en": "Name"},
    "col_reason": {"id": "Alasan", "en": "Reason"},
    "col_day": {"id": "Hari", "en": "Day"},
    "col_flags": {"id": "Tanda", "en": "Flags"},
    "col_adherence": {"id": "Lapor / terlewat", "en": "Reported / missed"},
    "col_grid": {"id": "14 hari", "en": "14 days"},
    "col_last": {"id": "Laporan terakhir", "en": "Last check-in"},
    "open": {"id": "Buka", "en": "Open"},
    "reported": {"id": "melapor", "en": "reported"},
    "missed": {"id": "terlewat", "en": "missed"},
    "today": {"id": "hari ini", "en": "today"},
    "future": {"id": "akan datang", "en": "to come"},
    "confirmed_asymptomatic": {"id": "Konfirmasi tanpa gejala", "en": "Confirmed, no symptoms"},
    "confirmed_symptomatic": {"id": "Konfirmasi bergejala", "en": "Confirmed, symptomatic"},
    "suspect": {"id": "Suspek", "en": "Suspect"},
    "symptomatic": {"id": "Bergejala, menunggu tes", "en": "Symptomatic, awaiting a test"},
    "close_contact": {"id": "Kontak erat", "en": "Close contact"},
    "spo2": {"id": "Saturasi oksigen (SpO2)", "en": "Oxygen saturation (SpO2)"},
    "temperature_c": {"id": "Suhu tubuh", "en": "Body temperature"},
    "respiratory_rate": {"id": "Frekuensi napas", "en": "Respiratory rate"},
    "vitals_alt": {
        "id": "{n} laporan. Terakhir: SpO2 {spo2}, suhu {temp}, napas {rr}, triase {triage}.",
        "en": "{n} check-ins. Latest: SpO2 {spo2}, temperature {temp}, breathing {rr}, triage {triage}.",
    },
    "nav_map": {"id": "Peta", "en": "Map"},
    "nav_levels": {"id": "Level", "en": "Levels"},
    "nav_warning": {"id": "Peringatan dini", "en": "Early warning"},
    "rt_title": {
        "id": "Angka reproduksi efektif (Rt) dan interval kredibel 95%",
        "en": "Effective reproduction number (Rt), 95% credible interval",
    },
    "rt": {"id": "Rt", "en": "Rt"},
    "band": {"id": "Interval kredibel 95%", "en": "95% credible interval"},
    "rt_alt": {
        "id": "Rt terakhir {mean} ({low}–{high}) untuk minggu sampai {date}.",
        "en": "Latest Rt {mean} ({low}–{high}) for the week to {date}.",
    },
    "levels_title": {
        "id": "Level transmisi mingguan (KMK 4805/2021)",
        "en": "Weekly transmission level (KMK 4805/2021)",
    },
    "week": {"id": "Minggu", "en": "Week"},
    "level": {"id": "Level", "en": "Level"},
    "capacity": {"id": "Kapasitas respons", "en": "Response capacity"},
    "situation": {"id": "Level situasi", "en": "Situational level"},
    "missing_inputs": {"id": "Data belum ada", "en": "Missing inputs"},
    "warning_title": {"id": "Peringatan dini dari periksa mandiri", "en": "Early warning from self-screening"},
    "warning_intro": {
        "id": "Proporsi hasil suspek atau bergejala per kabupaten/kota dan hari, dengan algoritma EARS C2 (CDC). "
        "Angka di bawah 5 orang ditampilkan sebagai <5.",
        "en": "Share of suspect or symptomatic results per regency/city and day, with the CDC EARS C2 algorithm. "
        "Counts under 5 people are shown as <5.",
    },
    "screenings": {"id": "Periksa mandiri", "en": "Screenings"},
    "flagged": {"id": "Suspek/bergejala", "en": "Suspect/symptomatic"},
    "share": {"id": "Proporsi", "en": "Share"},
    "signal": {"id": "Sinyal", "en": "Signal"},
    "no_signals": {"id": "Belum ada data periksa mandiri.", "en": "No self-screening data yet."},
    "nav_region": {"id": "Wilayah", "en": "Regions"},
    "nav_instructions": {"id": "Instruksi", "en": "Instructions"},
    "nav_data": {"id": "Data", "en": "Data"},
    "demo_banner": {
        "id": "DATA DEMO — angka sintetis untuk mencoba dasbor, bukan data resmi.",
        "en": "DEMO DATA — synthetic figures to try the dashboard, not official data.",
    },
    "my_region": {"id": "Kabupaten/kota saya", "en": "My regency/city"},
    "province": {"id": "Provinsi Sumatera Barat", "en": "West Sumatra province"},
    "summary_title": {"id": "Ringkasan COVID-19", "en": "COVID-19 summary"},
    "fig_new_cases": {"id": "Kasus baru per hari", "en": "New cases per day"},
    "fig_cases_7day_avg": {"id": "Rata-rata kasus 7 hari", "en": "7-day average of cases"},
    "fig_cases_7day_per_100k": {"id": "Kasus 7 hari per 100.000", "en": "7-day cases per 100,000"},
    "fig_active": {"id": "Kasus aktif", "en": "Active cases"},
    "fig_cumulative_deaths": {"id": "Meninggal (kumulatif)", "en": "Deaths (cumulative)"},
    "fig_cumulative_recovered": {"id": "Sembuh (kumulatif)", "en": "Recovered (cumulative)"},
    "fig_new_deaths": {"id": "Kematian baru per hari", "en": "New deaths per day"},
    "fig_cumulative_cases": {"id": "Kasus kumulatif", "en": "Cumulative cases"},
    "fig_cumulative_deaths_per_100k": {
        "id": "Kematian per 100.000 (kumulatif)",
        "en": "Deaths per 100,000 (cumulative)",
    },
    "daily": {"id": "Harian", "en": "Daily"},
    "average": {"id": "Rata-rata 7 hari", "en": "7-day average"},
    "vs_week": {"id": "{sign}{change} dibanding 7 hari lalu", "en": "{sign}{change} on 7 days ago"},
    "good_news": {"id": "membaik", "en": "improving"},
    "bad_news": {"id": "memburuk", "en": "worsening"},
    "no_change": {"id": "tetap", "en": "unchanged"},
    "updated": {"id": "Diperbarui {when}", "en": "Updated {when}"},
    "as_of": {"id": "per {date}", "en": "as of {date}"},
    "no_data": {"id": "Belum ada data.", "en": "No data yet."},
    "map_title": {"id": "Peta kabupaten/kota", "en": "Map of regencies and cities"},
    "measure": {"id": "Ukuran", "en": "Measure"},
    "date": {"id": "Tanggal", "en": "Date"},
    "map_table": {"id": "Nilai per kabupaten/kota", "en": "Values per regency/city"},
    "region_title": {"id": "{name} dibanding provinsi", "en": "{name} compared with the province"},
    "instructions_title": {"id": "Instruksi dan surat edaran Gubernur", "en": "Governor's instructions and circulars"},
    "search": {"id": "Cari nomor atau kata", "en": "Search number or words"},
    "no_instructions": {"id": "Tidak ada instruksi yang cocok.", "en": "No matching instructions."},
    "issued": {"id": "Ditetapkan", "en": "Issued"},
    "effective": {"id": "Berlaku", "en": "In force"},
    "source": {"id": "Sumber", "en": "Source"},
    "back": {"id": "← Semua instruksi", "en": "← All instructions"},
    "data_title": {"id": "Data terbuka", "en": "Open data"},
    "downloads": {"id": "Unduhan (CSV)", "en": "Downloads (CSV)"},
    "codebook": {"id": "Buku kode", "en": "Codebook"},
    "errata": {"id": "Errata: koreksi data", "en": "Errata: corrections"},
    "no_errata": {"id": "Belum ada koreksi.", "en": "No corrections so far."},
    "field": {"id": "Kolom", "en": "Field"},
    "meaning": {"id": "Arti", "en": "Meaning"},
    "download_summary": {"id": "Ringkasan semua wilayah", "en": "Summary of all areas"},
    "download_series": {"id": "Deret harian {name}", "en": "Daily series for {name}"},
    "choose_episode": {"id": "Pilih episode untuk melihat grafik.", "en": "Choose an episode to see its charts."},
    "never": {"id": "belum pernah", "en": "never"},
}

NAV_ITEMS = (
    ("nav_home", "/"),
    ("nav_map", "/peta"),
    ("nav_levels", "/level"),
    ("nav_region", "/wilayah/13.71"),
    ("nav_instructions", "/instruksi"),
    ("nav_data", "/data"),
    ("nav_warning", "/peringatan"),
    ("nav_console", "/satgas"),
    ("nav_monitoring", "/satgas/pemantauan"),
)


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


def duration(seconds: float) -> str:
    """A short human duration: 45 s, 3 min, 2 h 05 min."""
    seconds = int(abs(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def login_form(failed: bool, next_page: str) -> html.Div:
    """The console sign-in form; both languages at once, since the language switch needs no session."""
    return html.Div(
        [
            html.H1(id="login-title", children="Masuk Satgas / Task-force sign-in"),
            html.P("Nama pengguna atau kata sandi salah. / Wrong username or password.", className="error")
            if failed
            else None,
            html.Form(
                [
                    html.Label(
                        [
                            "Nama pengguna / Username",
                            dcc.Input(
                                id="login-username",
                                name="username",
                                type="text",
                                required=True,
                                autoComplete="username",
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            "Kata sandi / Password",
                            dcc.Input(
                                id="login-password",
                                name="password",
                                type="password",
                                required=True,
                                autoComplete="current-password",
                            ),
                        ]
                    ),
                    dcc.Input(type="hidden", name="next", value=next_page),
                    html.Button("Masuk / Sign in", id="login-submit", type="submit"),
                ],
                action="/satgas/login",
                method="POST",
                className="login-form",
            ),
        ],
        className="login",
    )


def logout_form() -> html.Form:
    return html.Form(
        html.Button("Keluar / Sign out", type="submit"), action="/satgas/logout", method="POST", className="logout"
    )


def key_card(name: str, figure: dict[str, Any], lang: str, decimals: int = 0) -> html.Div:
    """A key figure: value, change on 7 days ago, and whether that change is good news, in words and colour."""
    value = figure["value"]
    change = figure["change"]
    if change is None:
        trend_text, tone = "", "unknown"
    else:
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        verdict = (
            label("no_change", lang)
            if figure["good"] is None
            else label("good_news" if figure["good"] else "bad_news", lang)
        )
        arrow = {"up": "▲", "down": "▼"}.get(figure["trend"], "■")
        trend_text = (
            f"{arrow} "
            + label("vs_week", lang).format(sign=sign, change=thousands(abs(change), lang, decimals))
            + f" ({verdict})"
        )
        tone = "neutral" if figure["good"] is None else "good" if figure["good"] else "bad"
    return html.Div(
        [
            html.Div(label(f"fig_{name}", lang), className="card-label"),
            html.Div("–" if value is None else thousands(value, lang, decimals), className="card-value"),
            html.Div(trend_text, className=f"card-trend trend-{tone}"),
        ],
        className="card",
        role="group",
        **{"aria-label": label(f"fig_{name}", lang)},
    )


def when(item: dict[str, Any], lang: str) -> str:
    """When an instruction was issued and when it is in force."""
    parts = []
    if item["issued_on"]:
        parts.append(f"{label('issued', lang)} {item['issued_on']}")
    if item["effective_from"]:
        until = f" – {item['effective_until']}" if item["effective_until"] else ""
        parts.append(f"{label('effective', lang)} {item['effective_from']}{until}")
    return " · ".join(parts)
