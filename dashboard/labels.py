"""Every text the dashboard and the console show, in Indonesian and English, and the choice between them."""

from __future__ import annotations

from screening.isolation_events import OUTCOME_TEXT, REASON_TEXT
from surveillance import province

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
    "nav_duty": {"id": "Petugas bertugas", "en": "Officers on duty"},
    "nav_map": {"id": "Peta", "en": "Map"},
    "nav_levels": {"id": "Level", "en": "Levels"},
    "nav_warning": {"id": "Peringatan dini", "en": "Early warning"},
    "nav_region": {"id": "Wilayah", "en": "Regions"},
    "nav_hospitals": {"id": "Rumah sakit", "en": "Hospitals"},
    "nav_instructions": {"id": "Instruksi", "en": "Instructions"},
    "nav_data": {"id": "Data", "en": "Data"},
    "menu": {"id": "Menu", "en": "Menu"},
    "nav_staff": {"id": "Untuk petugas", "en": "For staff"},
    # The words inside every dropdown (its search box, its buttons), which the component writes in English.
    "dropdown_select_all": {"id": "Pilih semua", "en": "Select all"},
    "dropdown_deselect_all": {"id": "Batalkan semua", "en": "Deselect all"},
    "dropdown_selected_count": {"id": "{num_selected} dipilih", "en": "{num_selected} selected"},
    "dropdown_search": {"id": "Cari", "en": "Search"},
    "dropdown_clear_search": {"id": "Hapus pencarian", "en": "Clear search"},
    "dropdown_clear_selection": {"id": "Hapus pilihan", "en": "Clear selection"},
    "dropdown_no_options_found": {"id": "Tidak ada pilihan yang cocok", "en": "No matching options"},
    "main_menu": {"id": "Menu utama", "en": "Main menu"},
}

# The public pages: summary, regions, map, levels, hospitals, early warning, instructions, data.
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
    "rt_title": {"id": "Angka reproduksi efektif (Rt)", "en": "Effective reproduction number (Rt)"},
    "rt_subtitle": {"id": "dengan interval kredibel 95%", "en": "with its 95% credible interval"},
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
    "levels_intro": {
        "id": "Level 1 (rendah) sampai 4 (sangat tinggi) dari kasus dan kematian per 100.000 penduduk dalam seminggu. "
        "Kapasitas respons dan level situasi butuh positivitas tes dan keterisian tempat tidur; selama salah satunya "
        "belum ada, keduanya tidak diketahui.",
        "en": "Level 1 (low) to 4 (very high) from cases and deaths per 100,000 people in a week. Response capacity "
        "and the situational level need both test positivity and bed occupancy; while either is missing, both "
        "are unknown.",
    },
    "week": {"id": "Minggu", "en": "Week"},
    "level": {"id": "Level", "en": "Level"},
    "level_n": {"id": "Level {n}", "en": "Level {n}"},
    "level_unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "capacity": {"id": "Kapasitas respons", "en": "Response capacity"},
    "situation": {"id": "Level situasi", "en": "Situational level"},
    "missing_inputs": {"id": "Data belum ada", "en": "Missing inputs"},
    "unknown": {"id": "tidak diketahui", "en": "unknown"},
    "capacity_memadai": {"id": "memadai", "en": "adequate"},
    "capacity_sedang": {"id": "sedang", "en": "moderate"},
    "capacity_terbatas": {"id": "terbatas", "en": "limited"},
    "input_cases": {"id": "kasus", "en": "cases"},
    "input_hospital_admissions": {"id": "pasien masuk rumah sakit", "en": "hospital admissions"},
    "input_deaths": {"id": "kematian", "en": "deaths"},
    "input_positivity": {"id": "positivitas tes", "en": "test positivity"},
    "input_bed_occupancy": {"id": "keterisian tempat tidur", "en": "bed occupancy"},
    "warning_title": {"id": "Peringatan dini dari periksa mandiri", "en": "Early warning from self-screening"},
    "warning_intro": {
        "id": "Setiap hari, untuk tiap kabupaten/kota, dihitung proporsi hasil periksa mandiri yang suspek atau "
        "bergejala. Sinyal (⚠) muncul bila proporsi hari itu lebih dari 3 simpangan baku di atas rata-rata "
        "7 hari yang berakhir 3 hari sebelumnya (algoritma EARS C2 dari CDC; 2 hari jeda agar awal lonjakan tidak "
        "masuk ke garis dasarnya sendiri). Sinyal adalah ajakan untuk memeriksa, bukan bukti wabah. Hari dengan "
        "kurang dari 5 orang pada salah satu hitungan tidak ditampilkan (<5), termasuk sinyalnya, agar tidak ada "
        "orang yang dapat dikenali.",
        "en": "Every day, for each regency/city, we compute the share of self-screening results that are suspect or "
        "symptomatic. A signal (⚠) shows when that day's share is more than 3 standard deviations above the mean "
        "of the 7 days ending 3 days earlier (the CDC's EARS C2 algorithm; the 2-day gap keeps the start of a rise "
        "out of its own baseline). A signal is a reason to look closer, not proof of an outbreak. Days with fewer "
        "than 5 people in either count are not shown (<5), their signal included, so nobody can be singled out.",
    },
    "warning_chart": {
        "id": "Proporsi suspek atau bergejala per hari (4 minggu terakhir)",
        "en": "Share of suspect or symptomatic results per day (last 4 weeks)",
    },
    "warning_legend": {
        "id": "Warna: proporsi suspek/bergejala. Abu-abu: <5 orang, disembunyikan. ⚠: sinyal EARS C2.",
        "en": "Colour: share suspect/symptomatic. Grey: <5 people, withheld. ⚠: EARS C2 signal.",
    },
    "warning_table": {"id": "Hari terakhir per kabupaten/kota", "en": "Latest day per regency/city"},
    "withheld": {"id": "disembunyikan (<5 orang)", "en": "withheld (<5 people)"},
    "signal_day": {"id": "sinyal", "en": "signal"},
    "last_signal": {"id": "Sinyal terakhir", "en": "Last signal"},
    "latest_day": {"id": "Hari terakhir", "en": "Latest day"},
    "screenings": {"id": "Periksa mandiri", "en": "Screenings"},
    "flagged": {"id": "Suspek/bergejala", "en": "Suspect/symptomatic"},
    "share": {"id": "Proporsi", "en": "Share"},
    "signal": {"id": "Sinyal", "en": "Signal"},
    "no_signals": {"id": "Belum ada data periksa mandiri.", "en": "No self-screening data yet."},
    "demo_banner": {
        "id": "DATA DEMO — angka sintetis untuk mencoba dasbor, bukan data resmi.",
        "en": "DEMO DATA — synthetic figures to try the dashboard, not official data.",
    },
    "demo_some": {
        "id": "DATA DEMO untuk wilayah bertanda «demo» — angka sintetis, bukan data resmi.",
        "en": "DEMO DATA for the areas marked «demo» — synthetic figures, not official data.",
    },
    "demo_tag": {"id": "demo", "en": "demo"},
    "my_region": {"id": "Kabupaten/kota saya", "en": "My regency/city"},
    "province": province.NAME,
    "summary_title": {"id": "Ringkasan COVID-19", "en": "COVID-19 summary"},
    "fig_confirmed": {"id": "Kasus terkonfirmasi (total)", "en": "Confirmed cases (total)"},
    "daily_change": {"id": "{change} pada {date}", "en": "{change} on {date}"},
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
    "vs_week": {"id": "{sign}{change} dibanding 7 hari sebelumnya", "en": "{sign}{change} from 7 days earlier"},
    "good_news": {"id": "membaik", "en": "improving"},
    "bad_news": {"id": "memburuk", "en": "worsening"},
    "good_news_then": {"id": "saat itu membaik", "en": "was improving"},
    "bad_news_then": {"id": "saat itu memburuk", "en": "was worsening"},
    "no_change": {"id": "tetap", "en": "unchanged"},
    "updated": {"id": "Diperbarui {when}", "en": "Updated {when}"},
    "as_of": {"id": "per {date}", "en": "as of {date}"},
    "ages_title": {"id": "Umur data", "en": "How old the figures are"},
    "n_areas": {"id": "{n} kabupaten/kota", "en": "{n} regencies and cities"},
    "no_data": {"id": "Belum ada data.", "en": "No data yet."},
    "map_title": {"id": "Peta kabupaten/kota", "en": "Map of regencies and cities"},
    "region_map_alt": {
        "id": "Peta {measure} per kabupaten/kota pada {date}; nilainya ada di tabel di bawah.",
        "en": "Map of {measure} per regency/city on {date}; the values are in the table below.",
    },
    "measure": {"id": "Ukuran", "en": "Measure"},
    "date": {"id": "Tanggal", "en": "Date"},
    "map_table": {"id": "Nilai per kabupaten/kota", "en": "Values per regency/city"},
    "as_of_col": {"id": "Per tanggal", "en": "As of"},
    "region_title": {"id": "{name} dibanding provinsi", "en": "{name} compared with the province"},
    "regions_title": {"id": "Wilayah", "en": "Regions"},
    "regions_intro": {
        "id": "Provinsi dan 19 kabupaten/kota: pilih satu untuk melihat semua grafiknya.",
        "en": "The province and its 19 regencies and cities: choose one to see all its charts.",
    },
    "region_not_found": {"id": "Wilayah tidak ditemukan", "en": "Region not found"},
    "region_not_found_text": {
        "id": "Tidak ada wilayah dengan kode {code}.",
        "en": "There is no region with the code {code}.",
    },
    "back_regions": {"id": "← Semua wilayah", "en": "← All regions"},
    "choose_region": {"id": "Pilih wilayah", "en": "Choose a region"},
    "hospitals_title": {"id": "Rumah sakit rujukan COVID-19", "en": "COVID-19 referral hospitals"},
    "hospitals_intro": {
        "id": "Daftar rumah sakit rujukan dari Satgas Penanganan COVID-19 (covid19.go.id, April 2022), per "
        "kabupaten/kota menurut lokasinya, dengan tempat tidur kosong menurut laporan terakhir rumah sakit. "
        "Telepon dulu sebelum datang.",
        "en": "Referral hospitals listed by the COVID-19 task force (covid19.go.id, April 2022), per regency/city "
        "by their location, with free beds as each hospital last reported them. Call before you go.",
    },
    "fig_bed_occupancy": {
        "id": "Keterisian tempat tidur isolasi (%), laporan rumah sakit 7 hari",
        "en": "Isolation bed occupancy (%), hospitals' reports over 7 days",
    },
    "beds_isolation": {"id": "Isolasi: {free} kosong dari {total}", "en": "Isolation: {free} free of {total}"},
    "beds_icu": {"id": "ICU: {free} kosong dari {total}", "en": "ICU: {free} free of {total}"},
    "reported_ago": {"id": "dilaporkan {age} jam lalu", "en": "reported {age} h ago"},
    "stale_report": {
        "id": "laporan lama (lebih dari 24 jam): telepon untuk memastikan",
        "en": "old report (over 24 hours): call to check",
    },
    "demo_report": {"id": "data demo", "en": "demo data"},
    "no_bed_report": {"id": "Belum ada laporan tempat tidur.", "en": "No bed report yet."},
    "distance_km": {"id": "{km} km dari Anda", "en": "{km} km from you"},
    "sort_nearest": {"id": "Urutkan dari lokasi saya", "en": "Sort from my location"},
    "locating": {"id": "Mencari lokasi…", "en": "Finding your location…"},
    "location_unavailable": {
        "id": "Lokasi tidak tersedia; daftar tetap per wilayah.",
        "en": "Location not available; the list stays by region.",
    },
    "nearest_first": {"id": "Terdekat lebih dulu.", "en": "Nearest first."},
    "hospitals_here": {"id": "Rumah sakit rujukan di {name}", "en": "Referral hospitals in {name}"},
    "all_hospitals": {"id": "Semua rumah sakit rujukan →", "en": "All referral hospitals →"},
    "no_hospitals": {"id": "Tidak ada rumah sakit rujukan tercatat.", "en": "No referral hospital listed."},
    "beds": {"id": "{n} tempat tidur", "en": "{n} beds"},
    "call": {"id": "Telepon {phone}", "en": "Call {phone}"},
    "no_phone": {"id": "telepon tidak tercatat", "en": "no phone listed"},
    "type_national_referral": {"id": "Rujukan nasional", "en": "National referral"},
    "type_provincial_referral": {"id": "Rujukan provinsi", "en": "Provincial referral"},
    "type_hospital": {"id": "Rumah sakit", "en": "Hospital"},
    "all_areas": {"id": "Semua kabupaten/kota", "en": "All regencies and cities"},
    "instructions_title": {"id": "Instruksi dan surat edaran Gubernur", "en": "Governor's instructions and circulars"},
    "instructions_count": {"id": "{n} instruksi", "en": "{n} instructions"},
    "search": {"id": "Cari nomor atau kata", "en": "Search number or words"},
    "no_instructions": {"id": "Tidak ada instruksi yang cocok.", "en": "No matching instructions."},
    "instruction_not_found": {"id": "Instruksi tidak ditemukan.", "en": "Instruction not found."},
    "issued": {"id": "Ditetapkan", "en": "Issued"},
    "effective": {"id": "Berlaku", "en": "In force"},
    "signed_by": {"id": "Ditandatangani oleh", "en": "Signed by"},
    "regions_affected": {"id": "Wilayah", "en": "Areas"},
    "whole_province": {"id": "seluruh provinsi", "en": "the whole province"},
    "source": {"id": "Sumber", "en": "Source"},
    "back": {"id": "← Semua instruksi", "en": "← All instructions"},
    "data_title": {"id": "Data terbuka", "en": "Open data"},
    "datasets": {"id": "Sumber, lisensi dan pembaruan", "en": "Sources, licences and updates"},
    "col_dataset": {"id": "Data", "en": "Dataset"},
    "col_licence": {"id": "Lisensi", "en": "Licence"},
    "col_updated": {"id": "Terakhir diperbarui", "en": "Last updated"},
    "case_origins": {"id": "Asal data kasus per wilayah", "en": "Where each area's case figures come from"},
    "origin_demo": {"id": "demo (sintetis)", "en": "demo (synthetic)"},
    "origin_staff": {"id": "entri staf", "en": "staff entries"},
    "origin_pull": {"id": "unduhan otomatis", "en": "automatic download"},
    "origin_import": {"id": "impor {file}", "en": "import of {file}"},
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
        "id": "Terlalu banyak percobaan yang gagal dari perangkat ini. Coba lagi dalam {n} menit. Lupa kata sandi? "
        "Minta admin Satgas Anda membuat kata sandi baru. Selama menunggu, peringatan tetap masuk ke konsol "
        "petugas lain di wilayah Anda dan ke Satgas provinsi.",
        "en": "Too many failed attempts from this device. Try again in {n} min. Forgot the password? Ask your "
        "task force admin to set a new one. Meanwhile alerts still reach the other officers of your region and "
        "the provincial task force.",
    },
    "demo_accounts_warning": {
        "id": "Peringatan: akun demo dengan kata sandi yang dipublikasikan masih ada. Hapus sebelum dipakai sungguhan.",
        "en": "Warning: demo accounts with the published password still exist. Remove them before real use.",
    },
    "demo_password_warning": {
        "id": "Bahaya: akun sungguhan ini memakai kata sandi demo yang dipublikasikan; ganti sekarang:",
        "en": "Danger: these real accounts have the published demo password; change it now:",
    },
    "not_bed_reporter": {
        "id": "Akun ini tidak melaporkan tempat tidur rumah sakit.",
        "en": "This account does not report hospital beds.",
    },
    "duty_title": {"id": "Petugas bertugas", "en": "Officers on duty"},
    "duty_intro": {
        "id": "Petugas yang bertugas menerima notifikasi ponsel untuk peringatan baru di wilayahnya. Peringatan baru "
        "di kabupaten/kota tanpa petugas bertugas dan tanpa konsol terbuka langsung naik ke Satgas Provinsi; bila "
        "di provinsi juga tidak ada, langsung ke admin.",
        "en": "Officers on duty are pushed new alerts in their area. A new alert in a regency or city with nobody on "
        "duty and no console open goes to the provincial task force at once; with nobody there either, to the "
        "admins.",
    },
    "duty_you_on": {"id": "Anda sedang bertugas.", "en": "You are on duty."},
    "duty_you_off": {"id": "Anda tidak sedang bertugas.", "en": "You are off duty."},
    "duty_go_on": {"id": "Saya mulai bertugas", "en": "Go on duty"},
    "duty_go_off": {"id": "Saya selesai bertugas", "en": "Go off duty"},
    "duty_state_on": {"id": "bertugas", "en": "on duty"},
    "duty_state_off": {"id": "tidak bertugas", "en": "off duty"},
    "duty_set_on": {"id": "Tugaskan", "en": "Put on duty"},
    "duty_set_off": {"id": "Bebaskan dari tugas", "en": "Take off duty"},
    "duty_listening": {"id": "konsol terbuka", "en": "console open"},
    "duty_count": {"id": "{n} bertugas", "en": "{n} on duty"},
    "duty_nobody": {
        "id": "Tidak ada yang bertugas: peringatan baru langsung naik ke provinsi.",
        "en": "Nobody on duty: new alerts go straight to the province.",
    },
    "duty_nobody_province": {
        "id": "Tidak ada petugas provinsi yang bertugas: peringatan di wilayah tanpa petugas langsung ke admin.",
        "en": "No provincial officer on duty: alerts in regions with nobody on duty go straight to the admins.",
    },
    "duty_no_accounts": {"id": "Belum ada akun petugas.", "en": "No officer accounts yet."},
    "duty_province": {"id": "Satgas Provinsi Sumatera Barat", "en": "West Sumatra provincial task force"},
    "duty_saved_on": {"id": "{name} sekarang bertugas.", "en": "{name} is now on duty."},
    "duty_saved_off": {"id": "{name} sekarang tidak bertugas.", "en": "{name} is now off duty."},
    "beds_form_title": {"id": "Laporan tempat tidur harian", "en": "Daily bed report"},
    "field_hospital": {"id": "Rumah sakit", "en": "Hospital"},
    "field_day": {"id": "Tanggal (TTTT-BB-HH)", "en": "Date (YYYY-MM-DD)"},
    "field_isolation_total": {"id": "Tempat tidur isolasi COVID-19", "en": "COVID-19 isolation beds"},
    "field_isolation_occupied": {"id": "Isolasi terisi", "en": "Isolation beds occupied"},
    "field_icu_total": {"id": "Tempat tidur ICU", "en": "ICU beds"},
    "field_icu_occupied": {"id": "ICU terisi", "en": "ICU beds occupied"},
    "field_hcu_total": {"id": "Tempat tidur HCU", "en": "HCU beds"},
    "field_hcu_occupied": {"id": "HCU terisi", "en": "HCU beds occupied"},
    "field_ventilators_in_use": {"id": "Ventilator dipakai", "en": "Ventilators in use"},
    "field_admitted_today": {"id": "Pasien masuk hari ini", "en": "Patients admitted today"},
    "optional": {"id": " (boleh kosong)", "en": " (optional)"},
    "send_report": {"id": "Kirim laporan", "en": "Send report"},
    "last_report": {"id": "Laporan terakhir:", "en": "Last report:"},
    "whole_number": {"id": "Harus bilangan bulat.", "en": "Must be a whole number."},
    "bad_day": {"id": "Tanggal tidak valid (TTTT-BB-HH).", "en": "Not a valid date (YYYY-MM-DD)."},
    "choose_hospital": {"id": "Pilih rumah sakit dulu.", "en": "Choose a hospital first."},
    "fix_fields": {"id": "Periksa isian yang ditandai.", "en": "Check the marked fields."},
    "report_saved": {"id": "Laporan {day} tersimpan.", "en": "Report for {day} saved."},
    "report_replaced": {
        "id": "Laporan {day} tersimpan, menggantikan laporan sebelumnya untuk hari itu.",
        "en": "Report for {day} saved; it replaces the earlier report of that day.",
    },
    "silent_title": {"id": "Rumah sakit tanpa laporan 3 hari", "en": "Hospitals silent for 3 days"},
    "silent_intro": {
        "id": "Hubungi mereka: ketersediaan tempat tidurnya tidak diketahui.",
        "en": "Call them: their bed availability is unknown.",
    },
    "silent_none": {
        "id": "Semua rumah sakit melapor dalam 3 hari terakhir.",
        "en": "Every hospital reported within 3 days.",
    },
    "silent_days": {"id": "terakhir melapor {days} hari lalu", "en": "last reported {days} days ago"},
    "never_reported": {"id": "belum pernah melapor", "en": "never reported"},
    "not_responder": {"id": "Akun ini bukan akun Satgas.", "en": "This account is not a task-force account."},
    "hospital_account": {
        "id": "Akun ini melaporkan tempat tidur {hospital}.",
        "en": "This account reports the beds of {hospital}.",
    },
    "open_bed_form": {"id": "Buka formulir tempat tidur", "en": "Open the bed form"},
    "queue": {"id": "Antrean peringatan", "en": "Alert queue"},
    "more_alerts": {
        "id": "Menampilkan {shown} dari {total} peringatan terbuka; sisanya muncul begitu yang teratas ditangani.",
        "en": "Showing {shown} of {total} open alerts; the rest appear as the top ones are handled.",
    },
    "queue_empty": {"id": "Tidak ada peringatan.", "en": "No alerts."},
    "map": {"id": "Peta peringatan terbuka", "en": "Map of open alerts"},
    "map_alt_one": {
        "id": "1 peringatan terbuka dengan lokasi di peta.",
        "en": "1 open alert with a location on the map.",
    },
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
    "expired": {"id": "Kedaluwarsa", "en": "Expired"},
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
    "console_short": {"id": "Konsol Satgas", "en": "Task-force console"},
    "history": {"id": "Riwayat", "en": "History"},
    "history_empty": {"id": "Belum ada peringatan yang selesai.", "en": "No closed alerts yet."},
    "open_queue": {"id": "Terbuka", "en": "Open"},
    "call": {"id": "Telepon {phone}", "en": "Call {phone}"},
    "no_phone": {"id": "Nomor telepon tidak ada", "en": "No phone number"},
    "channel_whatsapp": {"id": "lewat WhatsApp", "en": "via WhatsApp"},
    "channel_sms": {"id": "lewat SMS", "en": "via SMS"},
    "whatsapp_chat": {"id": "Buka WhatsApp", "en": "Open WhatsApp"},
    "no_location": {"id": "Lokasi belum ada", "en": "No location yet"},
    "location": {"id": "{lat}, {lon}", "en": "{lat}, {lon}"},
    "accuracy": {"id": "± {m} m", "en": "± {m} m"},
    "open_in_maps": {"id": "Buka di peta", "en": "Open in maps"},
    "open_in_app": {"id": "Aplikasi peta (geo:)", "en": "Map app (geo:)"},
    "routed": {"id": "Dialihkan ke antrean: {how}", "en": "Routed to the queue: {how}"},
    "first_press": {"id": "ditekan pertama {t} lalu", "en": "first pressed {t} ago"},
    "first_opened": {"id": "dibuka {t} lalu", "en": "opened {t} ago"},
    "outside_province": {
        "id": "Lokasi di luar Sumatera Barat: warga diminta menelepon 112 setempat",
        "en": "Location outside Sumatera Barat: the resident was told to call 112 where they are",
    },
    "note": {"id": "Catatan: {text}", "en": "Note: {text}"},
    "name_unknown": {"id": "Nama tidak diketahui", "en": "Name unknown"},
    "no_address": {"id": "Alamat isolasi belum diisi", "en": "No isolation address given"},
    "home_pin": {"id": "Titik rumah di peta", "en": "Home pin in maps"},
    "isolation_day": {"id": "Isolasi hari ke-{day} dari {total}", "en": "Isolation day {day} of {total}"},
    "age_years": {"id": "usia {n} tahun", "en": "aged {n}"},
    "pregnant": {"id": "hamil", "en": "pregnant"},
    "risk_factors": {"id": "penyakit penyerta: {items}", "en": "conditions: {items}"},
    "no_risk_factors": {"id": "tidak ada penyakit penyerta yang dilaporkan", "en": "no conditions reported"},
    "last_reading": {
        "id": "Laporan terakhir: suhu {temp} °C, SpO2 {spo2}% ({t})",
        "en": "Last check-in: temperature {temp} °C, SpO2 {spo2}% ({t})",
    },
    "no_readings": {"id": "Belum ada laporan harian", "en": "No check-in yet"},
    "open_episode": {"id": "Lihat episode di papan pemantauan", "en": "See the episode on the monitoring board"},
    "outcome_label": {"id": "Hasil (wajib dipilih)", "en": "Outcome (choose one)"},
    "choose_outcome": {"id": "Pilih hasil dulu sebelum menyelesaikan.", "en": "Choose an outcome before resolving."},
    "action_failed": {"id": "Tindakan ini tidak bisa dilakukan.", "en": "This action cannot be done."},
    "confirm_resolve": {
        "id": "Selesaikan peringatan ini dengan hasil: {outcome}?",
        "en": "Resolve this alert with the outcome: {outcome}?",
    },
    "closed_at": {"id": "ditutup {t} lalu", "en": "closed {t} ago"},
    "outcome_is": {"id": "Hasil: {outcome}", "en": "Outcome: {outcome}"},
    "episodes_flagged": {
        "id": "Isolasi mandiri: {emergency} darurat, {urgent} perlu diperiksa hari ini",
        "en": "Home isolation: {emergency} emergency, {urgent} to check today",
    },
    "episodes_link": {"id": "Buka papan pemantauan", "en": "Open the monitoring board"},
    "wake_enable": {"id": "Nyalakan suara dan notifikasi", "en": "Enable sound and notifications"},
    "duty_on": {"id": "Sedang bertugas (ketuk untuk selesai)", "en": "On duty (tap to go off duty)"},
    "duty_off": {"id": "Tidak bertugas (ketuk untuk mulai)", "en": "Off duty (tap to go on duty)"},
    "phone_push_enable": {"id": "Aktifkan notifikasi ponsel", "en": "Enable phone notifications"},
    "phone_push_on": {
        "id": "Notifikasi ponsel aktif: peringatan baru di wilayah Anda datang selama Anda bertugas.",
        "en": "Phone notifications on: new alerts in your area arrive while you are on duty.",
    },
    "phone_push_failed": {
        "id": "Notifikasi ponsel tidak bisa diaktifkan di peramban ini (izin ditolak atau tidak didukung).",
        "en": "Phone notifications could not be enabled in this browser (permission refused or not supported).",
    },
    "wake_mute": {"id": "Bisukan alarm", "en": "Mute the alarm"},
    "wake_unmute": {"id": "Bunyikan alarm lagi", "en": "Unmute the alarm"},
    "wake_new": {"id": "Peringatan baru di antrean", "en": "New alert in the queue"},
    "wake_escalated": {"id": "Peringatan dieskalasi", "en": "Alert escalated"},
    "wake_state_quiet": {"id": "Tidak ada peringatan yang belum diambil.", "en": "No unclaimed alerts."},
    "wake_state_ringing": {
        "id": "Alarm berbunyi: ada peringatan yang belum diambil.",
        "en": "Alarm sounding: there are unclaimed alerts.",
    },
    "wake_state_muted": {"id": "Alarm dibisukan.", "en": "Alarm muted."},
    # Kept short: on a phone it sits in the sticky alarm block above the queue until the first tap.
    "wake_sound_off": {
        "id": "Suara belum aktif — ketuk di mana saja untuk menyalakannya. Agar tetap dibangunkan saat halaman "
        "ini tertutup, aktifkan notifikasi ponsel.",
        "en": "Sound is not on yet — tap anywhere to turn it on. To be woken while this page is closed, enable "
        "phone notifications.",
    },
    "wake_state_needs_enable": {
        "id": "Ada peringatan yang belum diambil; suara belum dinyalakan.",
        "en": "There are unclaimed alerts; sound is not enabled yet.",
    },
    "help_title": {"id": "Arti bunyi dan warna", "en": "What the sounds and colours mean"},
    "help_sound": {
        "id": "Bunyi dua nada: peringatan baru atau eskalasi di wilayah Anda. Selama ada peringatan berstatus "
        "Baru yang belum diambil, bunyi diulang setiap 30 detik, dan judul tab serta ikonnya menunjukkan "
        "jumlahnya. Tombol Bisukan menghentikan bunyi (jumlah di judul tetap).",
        "en": "A two-tone sound: a new alert or an escalation in your area. While a New alert is unclaimed the "
        "sound repeats every 30 seconds, and the tab title and icon show how many. Mute stops the sound "
        "(the count in the title stays).",
    },
    "help_colours": {
        "id": "Garis kiri kartu: merah = sesak napas atau laporan isolasi darurat, oranye = medis atau isolasi "
        "tanpa laporan, abu-abu = lainnya. Status: Baru (oranye tua), Diambil (kuning), Dalam perjalanan "
        "(biru), Selesai (hijau). Teks merah tebal: batas tanggap terlewati atau dieskalasi ke provinsi.",
        "en": "A card's left edge: red = trouble breathing or an emergency isolation check-in, orange = medical "
        "or an isolation that stopped reporting, grey = other. Status: New (dark orange), Acknowledged "
        "(yellow), Dispatched (blue), Resolved (green). Bold red text: acknowledgement overdue or escalated "
        "to the province.",
    },
    "flag_emergency": {"id": "Darurat: peringatan terbuka", "en": "Emergency: open alert"},
    "col_phone": {"id": "Telepon", "en": "Phone"},
    "episode_actions": {"id": "Tindak lanjut", "en": "Follow-up"},
    "note_field": {
        "id": "Catatan (wajib untuk catatan, boleh untuk yang lain)",
        "en": "Note (needed for a note, optional otherwise)",
    },
    "add_note": {"id": "Tambah catatan", "en": "Add note"},
    "contacted": {"id": "Sudah dihubungi: turunkan tanda", "en": "Contacted: lower the flag"},
    "flag_to_lower": {"id": "Tanda yang diturunkan", "en": "Flag to lower"},
    "no_flags": {"id": "Tidak ada tanda aktif.", "en": "No flag is raised."},
    "close_episode": {"id": "Tutup episode", "en": "Close the episode"},
    "close_outcome": {"id": "Hasil akhir (wajib dipilih)", "en": "Outcome (choose one)"},
    "confirm_close": {
        "id": "Tutup episode isolasi ini dengan hasil: {outcome}?",
        "en": "Close this isolation episode with the outcome: {outcome}?",
    },
    "need_note": {"id": "Tulis catatannya dulu.", "en": "Write the note first."},
    "need_flag": {"id": "Pilih tanda yang diturunkan.", "en": "Choose the flag to lower."},
    "need_close_outcome": {"id": "Pilih hasil akhir dulu.", "en": "Choose an outcome first."},
    "early_close_warning": {
        "id": "Isolasi ini baru hari ke-{day} dari {total}. Menutupnya sebagai Selesai sekarang melepas warga "
        "{n} hari sebelum tanggal selesai, saat ia mungkin masih menular. Tulis alasannya.",
        "en": "This isolation is only on day {day} of {total}. Closing it as Completed now releases the resident "
        "{n} days before the release date, while they may still be infectious. Say why.",
    },
    "early_reason": {
        "id": "Alasan selesai lebih awal (wajib untuk Selesai)",
        "en": "Why it ends early (required for Completed)",
    },
    "need_early_reason": {
        "id": "Tulis alasan selesai lebih awal dulu (mis. hasil PCR negatif, arahan dokter).",
        "en": "Say why it ends early first (e.g. a negative PCR, a doctor's advice).",
    },
    "confirm_close_early": {
        "id": "PERHATIAN: {n} hari sebelum tanggal selesai. Tutup episode isolasi ini sebagai {outcome}?",
        "en": "WARNING: {n} days before the release date. Close this isolation episode as {outcome}?",
    },
    "episode_saved": {"id": "Tersimpan: {what}.", "en": "Saved: {what}."},
    "events_title": {"id": "Riwayat episode", "en": "Episode history"},
    "by_system": {"id": "sistem", "en": "system"},
    "by_resident": {"id": "warga", "en": "resident"},
    "triage_stable": {"id": "stabil", "en": "stable"},
    "triage_urgent": {"id": "mendesak", "en": "urgent"},
    "triage_emergency": {"id": "darurat", "en": "emergency"},
    "th_spo2_urgent": {"id": "≤ 94 mendesak", "en": "≤ 94 urgent"},
    "th_spo2_emergency": {"id": "< 90 darurat", "en": "< 90 emergency"},
    "th_fever": {"id": "≥ 38 demam", "en": "≥ 38 fever"},
    "th_rr_urgent": {"id": "> 24 mendesak", "en": "> 24 urgent"},
    "th_rr_emergency": {"id": "> 30 darurat", "en": "> 30 emergency"},
    "monitoring_title": {"id": "Pemantauan isolasi mandiri", "en": "Home-isolation monitoring"},
    "flag_urgent": {"id": "Perlu diperiksa hari ini", "en": "Check today"},
    "flag_silent": {"id": "Tidak melapor 24 jam", "en": "Silent 24 h"},
    "flag_escalated": {"id": "Dieskalasi", "en": "Escalated"},
    "no_episodes": {"id": "Tidak ada episode aktif.", "en": "No active episodes."},
    "more_episodes": {
        "id": "Menampilkan {shown} dari {total} episode, yang paling mengkhawatirkan dulu; saring menurut tanda atau "
        "wilayah untuk melihat yang lain.",
        "en": "Showing {shown} of {total} episodes, most worrying first; filter by flag or region to see the others.",
    },
    "col_person": {"id": "Nama", "en": "Name"},
    "col_reason": {"id": "Alasan", "en": "Reason"},
    "col_day": {"id": "Hari", "en": "Day"},
    "col_flags": {"id": "Tanda", "en": "Flags"},
    "filter_region": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "col_adherence": {"id": "Lapor / terlewat", "en": "Reported / missed"},
    "col_grid": {"id": "14 hari", "en": "14 days"},
    "col_last": {"id": "Laporan terakhir", "en": "Last check-in"},
    "open": {"id": "Buka", "en": "Open"},
    "reported": {"id": "melapor", "en": "reported"},
    "missed": {"id": "terlewat", "en": "missed"},
    "today": {"id": "hari ini", "en": "today"},
    "future": {"id": "akan datang", "en": "to come"},
    "not_monitored": {"id": "sebelum terdaftar", "en": "before registration"},
    "spo2": {"id": "Saturasi oksigen (SpO2)", "en": "Oxygen saturation (SpO2)"},
    "temperature_c": {"id": "Suhu tubuh", "en": "Body temperature"},
    "respiratory_rate": {"id": "Frekuensi napas", "en": "Respiratory rate"},
    # Indonesian nouns have no plural: the two keys differ in English only.
    "vitals_alt_one": {
        "id": "{n} laporan. Terakhir: SpO2 {spo2}, suhu {temp}, napas {rr}, triase {triage}.",
        "en": "{n} check-in. Latest: SpO2 {spo2}, temperature {temp}, breathing {rr}, triage {triage}.",
    },
    "vitals_alt": {
        "id": "{n} laporan. Terakhir: SpO2 {spo2}, suhu {temp}, napas {rr}, triase {triage}.",
        "en": "{n} check-ins. Latest: SpO2 {spo2}, temperature {temp}, breathing {rr}, triage {triage}.",
    },
}

# Isolation reasons and closing outcomes read as the API's event texts say them.
LABELS: dict[str, dict[str, str]] = {**SHELL, **PUBLIC, **CONSOLE, **REASON_TEXT, **OUTCOME_TEXT}


def label(key: str, lang: str) -> str:
    """The text in `lang`; Indonesian for any other value (a language store a crafted request filled)."""
    texts = LABELS[key]
    return (texts.get(lang) if isinstance(lang, str) else None) or texts["id"]


def both(key: str) -> str:
    """Indonesian and English together, for the pages shown before the visitor's language is known."""
    return f"{label(key, 'id')} / {label(key, 'en')}"
