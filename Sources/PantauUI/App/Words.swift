import Foundation

/// Pantau's labels in Bahasa Indonesia, looked up by their English text. A label with no
/// entry is shown in English, so a new label is never lost, only untranslated.
public enum Words {
    /// English → Indonesian.
    static let indonesian: [String: String] = [
        // Header and status
        "waiting for data": "menunggu data", "LIVE": "LANGSUNG", "SNAPSHOT": "CUPLIKAN", "PAUSED": "JEDA",
        "END OF RECORDING": "REKAMAN SELESAI", "skipped": "dilewati",
        "Terminal too small": "Terminal terlalu kecil", "Enlarge it to at least": "Perbesar hingga minimal",
        "layout line": "baris tata letak", "columns": "kolom", "rows": "baris",
        "(q quits)": "(q keluar)", "any key closes": "tombol apa saja menutup", "Keys": "Tombol",
        "no data sources": "tidak ada sumber data", "No incident selected.": "Tidak ada kejadian terpilih.",
        "Dashboard": "Dasbor", "Incident": "Kejadian",
        // Pane titles
        "Traffic": "Lalu lintas", "Incidents": "Kejadian", "Sensors": "Sensor", "Tickets": "Aduan",
        "City now": "Kota saat ini", "Selected incident": "Kejadian terpilih", "Sources": "Sumber data",
        "Log": "Log", "Map": "Peta", "Timeline": "Linimasa", "Within 2 km": "Dalam 2 km",
        // Column headers
        "Road": "Jalan", "Speed km/h": "Kec. km/j", "Jam": "Macet", "Delay": "Tunda", "District": "Kecamatan",
        "ID": "ID", "Sev": "Tkt", "Category": "Kategori", "Status": "Status", "Age": "Umur", "Station": "Stasiun",
        "Kind": "Jenis", "Value": "Nilai", "Band": "Level", "Trend": "Tren", "Office": "Instansi", "Open": "Buka",
        "Overdue": "Terlambat", "Oldest": "Terlama", "Ticket": "Tiket", "SLA": "SLA", "Title": "Judul",
        "Source": "Sumber", "Via": "Via", "State": "Keadaan", "Last event": "Terakhir", "Ev/min": "Ev/mnt",
        "Errors": "Galat", "Skipped": "Dilewati", "Why skipped": "Alasan", "ahead %@": "maju %@", "Time": "Waktu", "What": "Apa", "Id": "Id", "Event": "Peristiwa",
        "Dist": "Jarak", "Name": "Nama",
        // Detail view fields
        "Severity": "Tingkat", "Reported": "Dilaporkan", "Last change": "Perubahan terakhir", "Address": "Alamat",
        "Position": "Posisi", "Unit": "Unit", "Agency": "Instansi", "Channel": "Saluran", "Expires": "Berakhir",
        // Footer hints
        "next pane": "panel berikut", "up": "naik", "down": "turun", "detail": "detail", "back": "kembali",
        "pause": "jeda", "speed": "kecepatan", "help": "bantuan", "quit": "keluar", "zoom": "perbesar",
        "pan": "geser", "zoom map": "perbesar peta", "sources": "sumber", "command": "perintah",
        // Help lines
        "focus the next pane": "fokus ke panel berikutnya", "focus the previous pane": "fokus ke panel sebelumnya",
        "focus pane by number": "fokus ke panel nomor", "select the row above": "pilih baris di atas",
        "select the row below": "pilih baris di bawah", "page up": "halaman naik", "page down": "halaman turun",
        "first row": "baris pertama", "last row": "baris terakhir", "open the incident's detail": "buka detail kejadian",
        "back to the dashboard": "kembali ke dasbor", "scroll up": "gulir naik", "scroll down": "gulir turun",
        "pause / resume the replay": "jeda / lanjutkan putar ulang", "replay faster / slower": "putar ulang lebih cepat / lambat",
        "replay slower": "putar ulang lebih lambat", "zoom the focused pane / back": "perbesar panel terfokus / kembali",
        "show the data sources and their health": "tampilkan sumber data dan kesehatannya",
        "command line: :layout :filter :sort … (Tab)": "baris perintah: :layout :filter :sort … (Tab)",
        "next layout": "tata letak berikutnya", "show / hide this help": "tampilkan / sembunyikan bantuan ini",
        "pan the map": "geser peta", "zoom the map in / out (not replay speed)": "perbesar / perkecil peta (bukan kecepatan)",
        "zoom the map out": "perkecil peta", "show the whole map again": "tampilkan seluruh peta lagi",
        "search the table as you type": "cari di tabel sambil mengetik",
        "sort by the next column / own order": "urutkan menurut kolom berikut / urutan panel",
        "Enter keep · Esc clear": "Enter simpan · Esc hapus",
        "reverse the order": "balik urutan", "clear the table's search": "hapus pencarian tabel", "search": "cari", "sort": "urutkan",
        "rewind: 1 minute back / forward": "mundur: 1 menit ke belakang / ke depan",
        "rewind: 10 minutes back / forward": "mundur: 10 menit ke belakang / ke depan",
        "rewind to a typed time (HH:MM, RFC 3339)": "mundur ke waktu yang diketik (HH:MM, RFC 3339)",
        "back from a rewound moment to live": "dari saat yang diputar mundur kembali ke langsung",
        "REWIND": "MUNDUR", "±1 min": "±1 mnt", "±10 min": "±10 mnt", "time": "waktu",
        "not rewound": "tidak sedang mundur",
        " (tables)": " (tabel)", " (incidents)": " (kejadian)", " (detail view)": " (tampilan detail)", " (map)": " (peta)",
        // The desk: keys, hints and dialogs
        "new incident from a call (form)": "kejadian baru dari telepon (formulir)",
        "acknowledge the incident": "terima kejadian", "dispatch a unit (picker)": "kirim unit (pilihan)",
        "set a unit's status: en route, on scene, available…": "ubah status unit: berangkat, di lokasi, siaga…",
        "escalate / de-escalate the severity": "naikkan / turunkan tingkat", "de-escalate the severity": "turunkan tingkat",
        "add a note": "tambah catatan", "resolve with a disposition (confirm)": "selesaikan dengan disposisi (konfirmasi)",
        "close the incident (confirm)": "tutup kejadian (konfirmasi)", "reopen the incident": "buka kembali kejadian",
        "merge as a duplicate of another incident (confirm)": "gabungkan sebagai duplikat kejadian lain (konfirmasi)",
        "verify a ticket of the office's queue": "verifikasi aduan di antrean instansi",
        "route a ticket to another office": "teruskan aduan ke instansi lain", "add a note to a ticket": "tambah catatan pada aduan",
        "resolve a ticket with a disposition (confirm)": "selesaikan aduan dengan disposisi (konfirmasi)",
        "reject a ticket, with the reason": "tolak aduan, dengan alasan",
        " (incident)": " (kejadian)", " (tickets)": " (aduan)",
        "new call": "telepon baru", "ack": "terima", "dispatch": "kirim", "unit": "unit", "severity": "tingkat",
        "note": "catatan", "resolve": "selesai", "close": "tutup", "reopen": "buka lagi", "merge": "gabung",
        "verify": "verifikasi", "route": "teruskan", "reject": "tolak",
        "Filter": "Saring", "type to filter · ↑/↓ move · Enter choose · Esc cancel": "ketik untuk menyaring · ↑/↓ pindah · Enter pilih · Esc batal",
        "Tab next · S-Tab back · Enter on the last field submits · Esc cancel": "Tab berikut · S-Tab kembali · Enter di isian terakhir mengirim · Esc batal",
        "(Enter or type to choose)": "(Enter atau ketik untuk memilih)", "y/Enter confirm · n/Esc cancel": "y/Enter setuju · n/Esc batal",
        "Enter save · Esc cancel · Ctrl-U clear": "Enter simpan · Esc batal · Ctrl-U hapus",
        "Units": "Unit", "available": "siaga", "no units on the roster": "tidak ada unit di daftar", "For": "Selama",
        "Caller": "Penelepon", "Disposition": "Disposisi", "Duplicate of": "Duplikat dari", "refused": "ditolak",
        "Acknowledge": "Diterima", "Dispatch": "Dikirim", "On scene": "Di lokasi", "target": "target", "by": "oleh",
        "after": "setelah", "missed by": "terlambat", "running": "berjalan", "ok": "ok", "Resp": "Resp",
        "Caller name": "Nama penelepon", "Caller phone": "Telepon penelepon",
        // Pane notes and messages
        "jammed": "macet", "open": "terbuka", "overdue": "terlambat", "late": "lewat", "due": "sisa",
        "alert": "peringatan", "alerts": "peringatan", "all normal": "semua normal",
        "no traffic data yet": "belum ada data lalu lintas", "no roads match": "tidak ada jalan cocok",
        "no open incidents": "tidak ada kejadian terbuka", "no incidents match": "tidak ada kejadian cocok",
        "no readings yet": "belum ada pembacaan", "no stations match": "tidak ada stasiun cocok",
        "no tickets yet": "belum ada aduan", "nothing yet": "belum ada apa-apa", "nothing matches": "tidak ada yang cocok",
        "last": "terakhir", "%@ ago": "%@ lalu", "%@ queue": "antrean %@", "%@ more: a bigger terminal shows them": "%@ lagi: terminal lebih besar menampilkannya", "never": "belum pernah", "of": "dari",
        "older lines dropped": "baris lama dibuang", "no position": "tanpa posisi", "nearest first": "terdekat dulu",
        "The incident has no coordinates.": "Kejadian ini tidak punya koordinat.",
        "Nothing recorded within 2 km.": "Tidak ada yang tercatat dalam 2 km.",
        "This incident is no longer held (closed and past retention).": "Kejadian ini tidak disimpan lagi (ditutup dan lewat masa simpan).",
        "live": "aktif", "connecting": "menghubungkan", "stale": "basi", "failing": "gagal", "ended": "selesai",
        "retry": "coba lagi", "quiet": "sepi",
        "incident": "kejadian", "ticket": "aduan", "traffic": "lalu lintas", "sensor": "sensor", "pantau": "pantau",
        "water": "air", "rain": "hujan", "temp": "suhu", "humid": "lembap", "noise": "bising",
        "Open incidents": "Kejadian terbuka", "Overdue tickets": "Aduan terlambat", "Worst ISPU": "ISPU terburuk",
        "Highest river": "Sungai tertinggi",
        // Bands that are Pantau's own words (official ISPU and Siaga names are never translated)
        "free": "lancar", "light": "ringan", "moderate": "sedang", "heavy": "lebat", "severe": "parah",
        "stopped": "berhenti", "no rain": "tidak hujan", "very heavy": "sangat lebat",
        // Alarms
        "Alarms": "Alarm", "Alarm": "Alarm", "Rule": "Aturan", "Subject": "Subjek", "Ack by": "Diterima oleh",
        "RAISED": "AKTIF", "acked": "diterima", "cleared": "reda", "to acknowledge": "perlu diterima", "active": "aktif",
        "no alarms": "tidak ada alarm", "open the alarm's detail": "buka detail alarm",
        "acknowledge the alarm": "terima alarm", "add a note to the alarm": "tambah catatan pada alarm",
        "make an incident of the alarm": "jadikan alarm sebagai kejadian", " (alarms)": " (panel alarm)", " (alarm)": " (alarm)",
        "ALARM": "ALARM", "more": "lagi", "a: acknowledge in alarms pane": "a: terima di panel alarm",
        "Raised": "Dimunculkan", "Acknowledged": "Diterima", "Cleared": "Reda", "Made incident": "Kejadian dibuat",
        "Level": "Level", "This alarm is no longer held.": "Alarm ini tidak disimpan lagi.",
    ]

    /// `english` in `language`. A label may hold `%@` where a value goes (see
    /// `String.replacingPlaceholder`).
    public static func translate(_ english: String, to language: Language) -> String {
        guard language == .id else { return english }
        return indonesian[english] ?? english
    }
}

extension String {
    /// This label with its `%@` replaced by `value`.
    public func replacingPlaceholder(_ value: String) -> String {
        guard let r = range(of: "%@") else { return self }
        return replacingCharacters(in: r, with: value)
    }
}
