"""The conversation's own sentences, Indonesian first; questions and results come from the questionnaires."""

from __future__ import annotations

from screening.text import bilingual

MENU = bilingual(
    "Sumbar Siaga COVID-19. Pilih layanan (balas dengan nomornya atau ketik kata kuncinya):",
    "Sumbar Siaga COVID-19. Choose a service (reply with its number or type its keyword):",
)
MENU_CHOICES = {
    "skrining": bilingual("SKRINING gejala", "SKRINING symptoms"),
    "risiko": bilingual("RISIKO tes risiko", "RISIKO risk test"),
    "lapor": bilingual("LAPOR isolasi", "LAPOR isolation"),
    "tolong": bilingual("TOLONG darurat", "TOLONG emergency"),
    "lang": bilingual("English", "Bahasa Indonesia"),
}
MENU_FOOTER = bilingual(
    "Ketik MENU kapan saja untuk kembali, DATA untuk melihat data Anda yang tersimpan, BERHENTI untuk berhenti menerima"
    " pesan, HAPUS untuk menghapus data Anda.",
    "Type MENU at any time to go back, DATA to see what is stored about you, STOP to receive no more messages, HAPUS"
    " to erase your data.",
)
YES = bilingual("Ya", "Yes")
NO = bilingual("Tidak", "No")
SKIP = bilingual("Lewati", "Skip")
PROGRESS = bilingual("Pertanyaan {n} dari {total}", "Question {n} of {total}")
TYPE_NUMBER = bilingual("Ketik angkanya{unit}.", "Type the number{unit}.")
TYPE_DATE = bilingual("Ketik tanggalnya: TTTT-BB-HH (mis. 2021-07-01).", "Type the date: YYYY-MM-DD (e.g. 2021-07-01).")
TYPE_CHOICES = bilingual(
    "Balas dengan nomor pilihan, dipisah koma (mis. 1,3), atau 0 bila tidak ada.",
    "Reply with the numbers of your choices, separated by commas (e.g. 1,3), or 0 for none.",
)
MAY_SKIP = bilingual("Ketik - untuk melewati.", "Type - to skip.")
NOT_UNDERSTOOD = bilingual("Maaf, jawaban itu tidak dikenali.", "Sorry, that answer was not understood.")
RISK_PICK = bilingual("Tes risiko mana?", "Which risk test?")
RESULT_REASONS = bilingual("Alasan:", "Why:")
RESULT_NEXT = bilingual("Langkah berikutnya:", "Next steps:")
RESULT_HOTLINES = bilingual("Nomor penting:", "Important numbers:")
SCORE = bilingual("Skor: {score} dari {max_score}", "Score: {score} of {max_score}")
OFFER_ISOLATION = bilingual(
    "Hasil ini memerlukan isolasi mandiri di rumah. Mulai pemantauan isolasi sekarang?",
    "This result calls for home isolation. Start isolation monitoring now?",
)
START_ISOLATION = bilingual("Mulai isolasi", "Start isolation")
BACK_TO_MENU = bilingual("Menu", "Menu")
ASK_REGION = bilingual(
    "Di kabupaten/kota mana Anda menjalani isolasi? Ketik namanya (mis. Padang, Agam).",
    "In which kabupaten/kota do you isolate? Type its name (e.g. Padang, Agam).",
)
WHICH_REGION = bilingual("Yang mana?", "Which one?")
UNKNOWN_REGION = bilingual(
    "Kabupaten/kota itu tidak ditemukan di Sumatera Barat. Coba ketik lagi.",
    "That kabupaten/kota was not found in West Sumatra. Please type it again.",
)
ISOLATION_STARTED = bilingual(
    "Pemantauan isolasi dimulai, direncanakan selesai {end_date}. Kirim LAPOR pagi dan sore dengan suhu, "
    "saturasi oksigen dan gejala Anda.",
    "Isolation monitoring has started, planned to end on {end_date}. Send LAPOR morning and evening with your "
    "temperature, oxygen saturation and symptoms.",
)
NO_EPISODE = bilingual(
    "Anda belum terdaftar dalam isolasi mandiri. Ketik SKRINING untuk memeriksa gejala lebih dulu.",
    "You are not in home isolation monitoring. Type SKRINING to check your symptoms first.",
)
ASK_TEMPERATURE = bilingual(
    "Laporan isolasi. Berapa suhu tubuh Anda (°C)? Ketik - bila tidak diukur.",
    "Isolation check-in. What is your temperature (°C)? Type - if not measured.",
)
ASK_SPO2 = bilingual(
    "Berapa saturasi oksigen (SpO2, %) dari oksimeter? Ketik - bila tidak ada alatnya.",
    "What is your oxygen saturation (SpO2, %) from the oximeter? Type - if you have no oximeter.",
)
ASK_SYMPTOMS = bilingual("Gejala apa yang Anda rasakan sekarang?", "Which symptoms do you have now?")
ASK_DANGER = bilingual("Ada tanda bahaya berikut?", "Any of these danger signs?")
ALERT_OPENED = bilingual(
    "Petugas Satgas sudah diberi tahu dan akan menghubungi nomor ini.",
    "The task force has been told and will call this number.",
)
PANIC_CATEGORY = bilingual("Bantuan darurat. Apa yang terjadi?", "Emergency help. What is happening?")
PANIC_CATEGORIES = {
    "medical": bilingual("Medis", "Medical"),
    "breathing": bilingual("Sesak napas", "Breathing"),
    "other": bilingual("Lainnya", "Other"),
}
PANIC_LOCATION = bilingual(
    "Kirim lokasi Anda (📎 → Lokasi) agar petugas terdekat datang, atau pilih Tanpa lokasi. "
    "Bila nyawa terancam, telepon 119 sekarang.",
    "Send your location (📎 → Location) so the nearest officers come, or choose No location. "
    "If a life is at risk, call 119 now.",
)
NO_LOCATION = bilingual("Tanpa lokasi", "No location")
PANIC_RAISED = bilingual(
    "Permintaan bantuan diterima. Petugas Satgas akan menghubungi nomor ini. Anda akan diberi kabar di sini.",
    "Your call for help was received. A task force officer will call this number. You will get updates here.",
)
STATUS = {
    "alert_claimed": bilingual("Petugas menerima panggilan Anda.", "An officer took your call."),
    "alert_dispatched": bilingual("Bantuan sedang menuju Anda.", "Help is on the way."),
    "alert_resolved": bilingual("Panggilan Anda selesai ditangani.", "Your call has been handled."),
    "checkin_reminder": bilingual(
        "Waktunya laporan isolasi harian: ketik LAPOR.", "Time for your daily isolation check-in: type LAPOR."
    ),
    "isolation_extended": bilingual(
        "Masa isolasi Anda diperpanjang sampai {end_date}.", "Your isolation has been extended to {end_date}."
    ),
    "isolation_ended": bilingual("Masa isolasi Anda selesai.", "Your isolation has ended."),
}
STOPPED = bilingual(
    "Anda tidak akan menerima pesan lagi dari Sumbar Siaga. Ketik MULAI bila ingin memakai layanan lagi.",
    "You will receive no more messages from Sumbar Siaga. Type START to use the service again.",
)
RESUMED = bilingual("Selamat datang kembali.", "Welcome back.")
ERASE_CONFIRM = bilingual(
    "Hapus semua data Anda (hasil skrining, isolasi, riwayat pesan)? Ini tidak bisa dibatalkan.",
    "Erase all your data (screening results, isolation, message history)? This cannot be undone.",
)
ERASE_YES = bilingual("Ya, hapus", "Yes, erase")
EXPORT = bilingual(
    "Data Anda yang tersimpan (sejak {since}):\n- Skrining: {screenings}{last_screening}\n- Isolasi mandiri: {episodes}"
    "{isolation}, laporan harian: {checkins}\n- Panggilan darurat: {alerts}{last_alert}\nKetik HAPUS untuk menghapus"
    " semuanya.",
    "What is stored about you (since {since}):\n- Screenings: {screenings}{last_screening}\n- Home isolation: "
    "{episodes}{isolation}, daily reports: {checkins}\n- Emergency calls: {alerts}{last_alert}\nType HAPUS to erase"
    " it all.",
)
EXPORT_LAST = bilingual(" (terakhir {date}: {what})", " (last {date}: {what})")
EXPORT_UNTIL = bilingual(" (berjalan sampai {date})", " (under way until {date})")
EXPORT_LAST_ALERT = bilingual(" (terakhir {date})", " (last {date})")
ERASED = bilingual("Data Anda sudah dihapus.", "Your data has been erased.")
CANCELLED = bilingual("Dibatalkan.", "Cancelled.")
IDLE = bilingual(
    "Percakapan sebelumnya berakhir karena lama tidak ada balasan; jawaban yang belum selesai tidak disimpan.",
    "The previous conversation ended after a long silence; unfinished answers were not kept.",
)
UNSUPPORTED = bilingual(
    "Pesan jenis ini tidak bisa dibaca. Ketik MENU untuk melihat layanan.",
    "This kind of message cannot be read. Type MENU to see the services.",
)
TOO_LONG = bilingual(
    "Pesan terlalu panjang; balas dengan jawaban singkat.", "The message is too long; reply with a short answer."
)
SLOW_DOWN = bilingual(
    "Terlalu banyak pesan dalam waktu singkat; coba lagi sebentar lagi. Darurat: telepon 119.",
    "Too many messages in a short time; try again shortly. Emergency: call 119.",
)
