"""Every text the dashboard and the console show, in Indonesian and English, and the choice between them."""

from __future__ import annotations

LANGS = ("id", "en")

# The header, navigation and footer of every page.
SHELL: dict[str, dict[str, str]] = {
    "nav_home": {"id": "Ringkasan", "en": "Summary"},
    "footer": {
        "id": "Sumbar Siaga — informasi COVID-19 Provinsi Sumatera Barat",
        "en": "Sumbar Siaga — COVID-19 information for West Sumatra province",
    },
    "api_docs": {"id": "Dokumentasi API", "en": "API documentation"},
    "privacy": {"id": "Privasi", "en": "Privacy"},
    "nav_console": {"id": "Satgas", "en": "Task force"},
    "nav_monitoring": {"id": "Pemantauan isolasi", "en": "Isolation monitoring"},
    "nav_map": {"id": "Peta", "en": "Map"},
    "nav_levels": {"id": "Level", "en": "Levels"},
    "nav_warning": {"id": "Peringatan dini", "en": "Early warning"},
    "nav_region": {"id": "Wilayah", "en": "Regions"},
    "nav_instructions": {"id": "Instruksi", "en": "Instructions"},
    "nav_data": {"id": "Data", "en": "Data"},
}

# The public pages: summary, map, region, levels, early warning, instructions, data.
PUBLIC: dict[str, dict[str, str]] = {
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

# The task force's console and monitoring board.
CONSOLE: dict[str, dict[str, str]] = {
    "console_title": {"id": "Konsol Satgas COVID-19", "en": "COVID-19 task-force console"},
    "login_title": {"id": "Masuk Satgas", "en": "Task-force sign-in"},
    "username": {"id": "Nama pengguna", "en": "Username"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "sign_in": {"id": "Masuk", "en": "Sign in"},
    "sign_out": {"id": "Keluar", "en": "Sign out"},
    "login_failed": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong username or password."},
    "login_wait": {
        "id": "Terlalu banyak percobaan yang gagal dari perangkat ini. Coba lagi dalam {n} menit.",
        "en": "Too many failed attempts from this device. Try again in {n} minute(s).",
    },
    "demo_accounts_warning": {
        "id": "Peringatan: akun demo dengan kata sandi yang dipublikasikan masih ada. Hapus sebelum dipakai sungguhan.",
        "en": "Warning: demo accounts with the published password still exist. Remove them before real use.",
    },
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
    "monitoring_title": {"id": "Pemantauan isolasi mandiri", "en": "Home-isolation monitoring"},
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
    "not_monitored": {"id": "sebelum terdaftar", "en": "before registration"},
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
}

LABELS: dict[str, dict[str, str]] = {**SHELL, **PUBLIC, **CONSOLE}


def label(key: str, lang: str) -> str:
    texts = LABELS[key]
    return texts.get(lang) or texts["id"]


def both(key: str) -> str:
    """Indonesian and English together, for the pages shown before the visitor's language is known."""
    return f"{label(key, 'id')} / {label(key, 'en')}"
