/// One LAKSA complaint category: its Indonesian name, the office it is routed to, its SLA,
/// how common it is on an ordinary day and in a storm's wake, and its texts.
///
/// Title and note patterns may use `{kel}`, `{street}`, `{spot}` and `{agency}`.
struct TicketCategory: Sendable {
    let name: String
    let agency: String
    let slaHours: Double
    /// Relative share on an ordinary day.
    let weight: Double
    /// Relative share among complaints that follow a storm.
    let stormWeight: Double
    let titles: [String]
    let progressNotes: [String]
    let doneNotes: [String]

    /// Offices that work around the clock answer at night too.
    var isEmergency: Bool { ["BPBD", "Damkar", "PLN", "PDAM"].contains(agency) }

    /// The categories, routed to the offices in domain.md.
    static let all: [TicketCategory] = [
        TicketCategory(name: "Jalan rusak", agency: "Dinas PUPR", slaHours: 72, weight: 14, stormWeight: 0,
                       titles: ["Lubang besar depan pasar {kel}", "Jalan berlubang di {street}", "Aspal mengelupas dekat sekolah di {kel}", "Jalan bergelombang membahayakan pemotor di {street}"],
                       progressNotes: ["Tim UPT Jalan dijadwalkan menambal", "Material tambal sedang disiapkan"],
                       doneNotes: ["Lubang sudah ditambal", "Jalan sudah diaspal ulang"]),
        TicketCategory(name: "Drainase tersumbat", agency: "Dinas PUPR", slaHours: 48, weight: 10, stormWeight: 3,
                       titles: ["Saluran air mampet di {kel}", "Gorong-gorong tersumbat sampah di {street}", "Got meluap ke jalan di {street}"],
                       progressNotes: ["Tim pengerukan menuju lokasi", "Pengerukan saluran dijadwalkan"],
                       doneNotes: ["Saluran sudah dibersihkan", "Sedimen gorong-gorong sudah diangkat"]),
        TicketCategory(name: "Trotoar rusak", agency: "Dinas PUPR", slaHours: 120, weight: 3, stormWeight: 0,
                       titles: ["Trotoar amblas di {street}", "Penutup saluran di trotoar {street} hilang"],
                       progressNotes: ["Perbaikan masuk jadwal pekan ini"],
                       doneNotes: ["Trotoar sudah diperbaiki"]),
        TicketCategory(name: "Lampu jalan mati", agency: "Dinas Perkim", slaHours: 72, weight: 10, stormWeight: 1.2,
                       titles: ["Lampu PJU mati sepanjang {street}", "Lampu jalan padam di {kel}, rawan begal", "Lampu taman mati di {kel}"],
                       progressNotes: ["Teknisi PJU dijadwalkan malam ini"],
                       doneNotes: ["Lampu sudah menyala kembali", "Bola lampu dan kabel sudah diganti"]),
        TicketCategory(name: "Rumah tidak layak huni", agency: "Dinas Perkim", slaHours: 168, weight: 1.5, stormWeight: 0,
                       titles: ["Pengajuan bedah rumah warga {kel}", "Atap rumah warga {kel} nyaris roboh"],
                       progressNotes: ["Survei kelayakan dijadwalkan"],
                       doneNotes: ["Masuk daftar program bedah rumah"]),
        TicketCategory(name: "Sampah menumpuk", agency: "DLH", slaHours: 24, weight: 14, stormWeight: 0,
                       titles: ["Sampah menumpuk di TPS {kel}", "Sampah belum diangkut 3 hari di {kel}", "Pembuangan sampah liar di pinggir {street}"],
                       progressNotes: ["Truk sampah dijadwalkan mengangkut"],
                       doneNotes: ["Sampah sudah diangkut", "TPS sudah dibersihkan"]),
        TicketCategory(name: "Pencemaran lingkungan", agency: "DLH", slaHours: 120, weight: 2, stormWeight: 0,
                       titles: ["Bau limbah pabrik di {kel}", "Air kali berwarna hitam dan berbau di {kel}", "Asap pembakaran sampah di {kel}"],
                       progressNotes: ["Petugas DLH mengambil sampel"],
                       doneNotes: ["Pelaku usaha diberi teguran tertulis"]),
        TicketCategory(name: "Pohon rawan tumbang", agency: "DLH", slaHours: 72, weight: 3, stormWeight: 0,
                       titles: ["Dahan pohon nyaris patah di {street}", "Pohon rimbun menutupi lampu jalan di {kel}"],
                       progressNotes: ["Pemangkasan dijadwalkan"],
                       doneNotes: ["Pohon sudah dipangkas"]),
        TicketCategory(name: "Parkir liar", agency: "Dinas Perhubungan", slaHours: 24, weight: 8, stormWeight: 0,
                       titles: ["Parkir liar di bahu {street}", "Mobil parkir di trotoar depan ruko {street}"],
                       progressNotes: ["Tim derek dijadwalkan patroli"],
                       doneNotes: ["Kendaraan ditertibkan", "Rambu larangan parkir dipasang"]),
        TicketCategory(name: "Lampu lalu lintas rusak", agency: "Dinas Perhubungan", slaHours: 24, weight: 4, stormWeight: 0.6,
                       titles: ["Lampu merah mati di simpang {street}", "APILL berkedip terus di {street}"],
                       progressNotes: ["Teknisi APILL menuju lokasi"],
                       doneNotes: ["APILL sudah normal"]),
        TicketCategory(name: "Angkot ngetem", agency: "Dinas Perhubungan", slaHours: 48, weight: 3, stormWeight: 0,
                       titles: ["Angkot ngetem sembarangan di {street}"],
                       progressNotes: ["Petugas Dishub ditempatkan di lokasi"],
                       doneNotes: ["Angkot sudah ditertibkan"]),
        TicketCategory(name: "Banjir", agency: "BPBD", slaHours: 24, weight: 1, stormWeight: 4,
                       titles: ["Banjir masuk rumah di {spot}", "Genangan tak kunjung surut di {kel}", "Air kali meluap di {spot}"],
                       progressNotes: ["Tim BPBD memantau lokasi", "Pompa air dikerahkan"],
                       doneNotes: ["Air sudah surut", "Genangan sudah surut"]),
        TicketCategory(name: "Pohon tumbang", agency: "Damkar", slaHours: 24, weight: 1, stormWeight: 1.5,
                       titles: ["Pohon tumbang menutup jalan di {kel}", "Pohon tumbang menimpa kabel di {street}"],
                       progressNotes: ["Regu Damkar menuju lokasi"],
                       doneNotes: ["Pohon sudah dievakuasi"]),
        TicketCategory(name: "Sarang tawon", agency: "Damkar", slaHours: 24, weight: 2, stormWeight: 0,
                       titles: ["Sarang tawon di rumah warga {kel}"],
                       progressNotes: ["Regu Damkar dijadwalkan"],
                       doneNotes: ["Sarang tawon sudah dievakuasi"]),
        TicketCategory(name: "Pedagang kaki lima", agency: "Satpol PP", slaHours: 48, weight: 5, stormWeight: 0,
                       titles: ["PKL berjualan di trotoar {street}", "Lapak liar menutup saluran air di {kel}"],
                       progressNotes: ["Penertiban dijadwalkan"],
                       doneNotes: ["PKL sudah ditertibkan"]),
        TicketCategory(name: "Gangguan ketertiban", agency: "Satpol PP", slaHours: 48, weight: 3, stormWeight: 0,
                       titles: ["Bangunan liar di bantaran kali {kel}", "Reklame liar di {street}", "Anak punk mengamen di lampu merah {street}"],
                       progressNotes: ["Surat peringatan dilayangkan"],
                       doneNotes: ["Sudah ditertibkan"]),
        TicketCategory(name: "Fogging DBD", agency: "Dinkes", slaHours: 72, weight: 3, stormWeight: 0,
                       titles: ["Permintaan fogging, ada warga kena DBD di {kel}"],
                       progressNotes: ["Penyelidikan epidemiologi oleh puskesmas"],
                       doneNotes: ["Fogging sudah dilakukan"]),
        TicketCategory(name: "Pelayanan kesehatan", agency: "Dinkes", slaHours: 72, weight: 2, stormWeight: 0,
                       titles: ["Antrean panjang di puskesmas {kel}", "Obat di puskesmas {kel} kosong"],
                       progressNotes: ["Dikoordinasikan dengan kepala puskesmas"],
                       doneNotes: ["Layanan sudah diperbaiki"]),
        TicketCategory(name: "Administrasi kependudukan", agency: "Disdukcapil", slaHours: 120, weight: 5, stormWeight: 0,
                       titles: ["KTP-el belum jadi sejak 2 bulan", "Akta kelahiran belum terbit", "Antrean online Disdukcapil selalu penuh"],
                       progressNotes: ["Berkas sedang diproses"],
                       doneNotes: ["Dokumen sudah dapat diambil", "Data sudah diperbaiki"]),
        TicketCategory(name: "Layanan digital", agency: "Diskominfo", slaHours: 72, weight: 3, stormWeight: 0,
                       titles: ["Aplikasi Tangerang Live gagal login", "Wifi publik di taman {kel} tidak bisa tersambung", "CCTV di {street} mati"],
                       progressNotes: ["Tim teknis memeriksa perangkat"],
                       doneNotes: ["Layanan sudah normal"]),
        TicketCategory(name: "Air PDAM mati", agency: "PDAM", slaHours: 24, weight: 6, stormWeight: 0,
                       titles: ["Air PDAM mati sejak pagi di {kel}", "Air PDAM keruh di {kel}", "Pipa bocor di {street}"],
                       progressNotes: ["Tim Tirta Benteng memperbaiki pipa"],
                       doneNotes: ["Aliran air sudah normal"]),
        TicketCategory(name: "Listrik padam", agency: "PLN", slaHours: 24, weight: 3, stormWeight: 0.8,
                       titles: ["Listrik padam di {kel}", "Tiang listrik miring di {street}"],
                       progressNotes: ["Petugas PLN menuju lokasi"],
                       doneNotes: ["Listrik sudah menyala kembali"]),
    ]

    /// Reasons a complaint is rejected at verification.
    static let rejectReasons = [
        "Laporan ganda", "Lokasi di luar wilayah Kota Tangerang",
        "Bukan kewenangan Pemkot, diteruskan ke instansi terkait", "Data laporan tidak lengkap",
    ]
}
