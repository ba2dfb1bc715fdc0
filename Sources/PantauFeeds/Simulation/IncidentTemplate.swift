import PantauCore

/// One kind of incident the simulator reports: its Indonesian title pattern, severity range,
/// responder, how long the work takes, and the timeline notes it may carry.
///
/// Title patterns may use `{kel}` (a kelurahan), `{street}` (a street of the kecamatan),
/// `{spot}` (a flood-prone estate), `{road}` (the road segment's road) and `{depth}` (cm).
struct IncidentTemplate: Sendable {
    let category: IncidentCategory
    let title: String
    let severity: ClosedRange<Int>
    let responder: SimResponder
    /// Median minutes from arrival on scene to resolution.
    let workMinutes: Double
    /// Whether it sits on a road segment (and slows it down).
    let onRoad: Bool
    let weight: Double

    init(_ category: IncidentCategory, _ title: String, _ severity: ClosedRange<Int>, _ responder: SimResponder,
         work: Double, onRoad: Bool = false, weight: Double = 1) {
        self.category = category
        self.title = title
        self.severity = severity
        self.responder = responder
        self.workMinutes = work
        self.onRoad = onRoad
        self.weight = weight
    }

    /// The everyday templates, by category.
    static let everyday: [IncidentCategory: [IncidentTemplate]] = {
        let all: [IncidentTemplate] = [
            .init(.fire, "Kebakaran rumah tinggal di {kel}", 3...4, .damkar, work: 70, weight: 3),
            .init(.fire, "Kebakaran gudang di {street}", 3...5, .damkar, work: 120, weight: 1.2),
            .init(.fire, "Kebakaran lahan kosong di {kel}", 2...3, .damkar, work: 45, weight: 2),
            .init(.fire, "Korsleting listrik, ruko terbakar di {street}", 3...4, .damkar, work: 60, weight: 1.5),
            .init(.fire, "Kebakaran kios pasar di {kel}", 3...4, .damkar, work: 80, weight: 1),
            .init(.fire, "Kebakaran pabrik di {street}", 4...5, .damkar, work: 150, weight: 0.5),

            .init(.accident, "Tabrakan motor dan mobil di {road}", 2...3, .ambulance, work: 35, onRoad: true, weight: 3),
            .init(.accident, "Kecelakaan tunggal sepeda motor di {road}", 2...3, .ambulance, work: 25, onRoad: true, weight: 2.5),
            .init(.accident, "Truk terguling di {road}", 3...4, .dishub, work: 100, onRoad: true, weight: 0.8),
            .init(.accident, "Tabrakan beruntun di {road}", 3...4, .ambulance, work: 60, onRoad: true, weight: 1),
            .init(.accident, "Pejalan kaki tertabrak motor di {road}", 3...4, .ambulance, work: 30, onRoad: true, weight: 1),
            .init(.accident, "Mobil mogok dan diseruduk di {road}", 2...2, .dishub, work: 40, onRoad: true, weight: 1),

            .init(.medical, "Warga pingsan di {street}", 2...3, .ambulance, work: 20, weight: 2),
            .init(.medical, "Lansia sesak napas di {kel}, butuh ambulans", 3...4, .ambulance, work: 25, weight: 2),
            .init(.medical, "Ibu hamil akan melahirkan di {kel}", 3...3, .ambulance, work: 30, weight: 1.5),
            .init(.medical, "Warga tersengat listrik di {kel}", 3...4, .ambulance, work: 30, weight: 0.6),
            .init(.medical, "Pekerja jatuh dari ketinggian di {street}", 3...4, .ambulance, work: 30, weight: 0.6),
            .init(.medical, "Anak kejang demam tinggi di {kel}", 3...3, .ambulance, work: 20, weight: 1),
            .init(.medical, "Warga keracunan makanan di {kel}", 2...4, .ambulance, work: 45, weight: 0.5),

            .init(.crime, "Pencurian sepeda motor di {kel}", 2...2, .police, work: 60, weight: 3),
            .init(.crime, "Penjambretan di {street}", 2...3, .police, work: 45, weight: 2),
            .init(.crime, "Pembobolan rumah kosong di {kel}", 2...3, .police, work: 90, weight: 1.5),
            .init(.crime, "Perampokan minimarket di {street}", 3...4, .police, work: 90, weight: 0.7),
            .init(.crime, "Begal motor di {street}", 3...3, .police, work: 60, weight: 1),

            .init(.publicOrder, "Tawuran pelajar di {street}", 3...4, .police, work: 40, weight: 1.5),
            .init(.publicOrder, "Balap liar di {street}", 2...3, .satpolPP, work: 30, weight: 1.5),
            .init(.publicOrder, "Keributan warga di {kel}", 2...2, .satpolPP, work: 30, weight: 1.5),
            .init(.publicOrder, "PKL menutup trotoar di {street}", 1...2, .satpolPP, work: 45, weight: 2),
            .init(.publicOrder, "Parkir liar menutup jalan di {street}", 1...2, .dishub, work: 30, weight: 1.5),
            .init(.publicOrder, "ODGJ mengamuk di {kel}", 2...3, .satpolPP, work: 40, weight: 0.8),

            .init(.infrastructure, "Lampu lalu lintas mati di simpang {street}", 2...3, .trafficLights, work: 90, weight: 2),
            .init(.infrastructure, "Pipa PDAM bocor di {street}", 2...2, .pdam, work: 180, weight: 2),
            .init(.infrastructure, "Jalan amblas di {street}", 2...3, .pupr, work: 240, weight: 1),
            .init(.infrastructure, "Kabel listrik menjuntai di {street}", 2...3, .pln, work: 90, weight: 1.5),
            .init(.infrastructure, "Gardu listrik meledak, listrik padam di {kel}", 3...3, .pln, work: 150, weight: 0.7),
            .init(.infrastructure, "Tutup gorong-gorong hilang di {street}", 1...2, .pupr, work: 120, weight: 1),

            .init(.fallenTree, "Pohon tumbang menutup {road}", 3...3, .damkar, work: 60, onRoad: true, weight: 1.5),
            .init(.fallenTree, "Pohon tumbang menimpa rumah di {kel}", 3...4, .damkar, work: 90, weight: 1),
            .init(.fallenTree, "Pohon tumbang menimpa mobil di {street}", 3...3, .damkar, work: 60, weight: 1),
            .init(.fallenTree, "Dahan patah menimpa kabel listrik di {street}", 2...3, .damkar, work: 45, weight: 1),

            .init(.other, "Evakuasi sarang tawon di rumah warga {kel}", 1...2, .damkar, work: 30, weight: 3),
            .init(.other, "Ular masuk rumah warga di {kel}", 1...2, .damkar, work: 25, weight: 2),
            .init(.other, "Anak hilang di {kel}", 2...2, .police, work: 90, weight: 1),
            .init(.other, "Kucing terjebak di atap ruko {street}", 1...1, .damkar, work: 30, weight: 1),
            .init(.other, "Cincin tersangkut di jari warga {kel}", 1...1, .damkar, work: 20, weight: 1),
            .init(.other, "Warga terkunci di dalam rumah di {kel}", 1...2, .damkar, work: 25, weight: 1),
        ]
        return Dictionary(grouping: all, by: \.category)
    }()

    /// Floods reported in a storm's wake.
    static let floods: [IncidentTemplate] = [
        .init(.flood, "Genangan {depth} cm di {spot}", 3...5, .bpbd, work: 0, weight: 3),
        .init(.flood, "Banjir {depth} cm masuk rumah warga di {spot}", 3...5, .bpbd, work: 0, weight: 2),
        .init(.flood, "Warga minta evakuasi, banjir {depth} cm di {spot}", 3...5, .bpbd, work: 0, weight: 1),
        .init(.flood, "Genangan {depth} cm di {street}", 3...5, .bpbd, work: 0, weight: 2),
        .init(.flood, "Tanggul kali rembes di {kel}", 4...4, .bpbd, work: 0, weight: 0.6),
    ]

    /// The BMKG early warning before the storm.
    static let weatherWarning = IncidentTemplate(
        .weather, "Peringatan dini BMKG: hujan lebat disertai petir dan angin kencang", 3...3, .bpbd, work: 0)

    /// Notes an incident of a category may get on dispatch, on arrival, while the work goes
    /// on, and on resolution.
    static func notes(for category: IncidentCategory)
        -> (dispatch: [String], scene: [String], progress: [String], resolve: [String]) {
        switch category {
        case .fire:
            return (["2 unit mobil pemadam dikerahkan", "Unit bantuan dari pos terdekat diminta"],
                    ["Api masih membesar di sisi belakang bangunan", "Warga sekitar diungsikan"],
                    ["Api berhasil dilokalisir", "Petugas melakukan pendinginan", "Tidak ada korban jiwa"],
                    ["Api padam, pendinginan selesai", "Penyebab diduga korsleting listrik"])
        case .accident:
            return (["Satu lajur ditutup sementara", "Petugas Dishub mengatur arus lalu lintas"],
                    ["Korban dibawa ke RSUD Kota Tangerang", "Arus lalu lintas dialihkan"],
                    ["Menunggu mobil derek"],
                    ["Kendaraan diderek, lalu lintas normal kembali", "Korban ditangani, jalan dibuka kembali"])
        case .medical:
            return (["Ambulans terdekat dikirim"],
                    ["Pasien distabilkan di tempat"],
                    ["Pasien dalam perjalanan ke rumah sakit"],
                    ["Pasien dirujuk ke RSUD Kota Tangerang", "Pasien ditangani di puskesmas"])
        case .crime:
            return (["Patroli terdekat diarahkan ke lokasi"],
                    ["Olah TKP oleh Polsek"],
                    ["Saksi dimintai keterangan", "Rekaman CCTV sekitar diperiksa"],
                    ["Pelaku diamankan", "Laporan diteruskan ke Satreskrim Polres"])
        case .publicOrder:
            return (["Regu patroli diarahkan ke lokasi"],
                    ["Petugas melakukan penertiban"],
                    ["Massa berhasil dibubarkan"],
                    ["Lokasi sudah tertib", "Pelanggar diberi teguran"])
        case .infrastructure:
            return (["Petugas teknis menuju lokasi"],
                    ["Lokasi diberi garis pengaman"],
                    ["Perbaikan sedang berlangsung"],
                    ["Perbaikan selesai", "Layanan normal kembali"])
        case .fallenTree:
            return (["Gergaji mesin dibawa"],
                    ["Satu lajur ditutup sementara"],
                    ["Pemotongan batang pohon"],
                    ["Pohon dipotong dan dievakuasi, jalan bisa dilalui"])
        case .flood, .weather:
            return (["Perahu karet dikirim", "Pompa mobile dikerahkan"],
                    ["Warga lansia dievakuasi ke musala terdekat", "Tim membantu evakuasi warga"],
                    ["Air mulai surut", "Dapur umum didirikan", "Pompa air dioperasikan"],
                    ["Air sudah surut", "Genangan surut, warga kembali ke rumah"])
        case .earthquake, .other:
            return ([], ["Petugas di lokasi"], [], ["Evakuasi berhasil", "Selesai ditangani"])
        }
    }

    /// Fills the title pattern for an incident in `district`.
    func title(in district: SimDistrict, street: String?, road: String?, depth: Int, _ r: inout SimRandom) -> String {
        SimText.fill(title, district: district, street: street, road: road, depth: depth, &r)
    }
}
