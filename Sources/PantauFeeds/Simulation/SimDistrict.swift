import Foundation
import PantauCore

/// What the simulator knows about one kecamatan: its kelurahan, streets and housing estates
/// for addresses and titles, how busy and how flood-prone it is, and its local responders.
struct SimDistrict: Sendable {
    let kecamatan: Kecamatan
    let kelurahan: [String]
    let streets: [String]
    /// Housing estates and kampung where water collects after heavy rain.
    let floodSpots: [String]
    /// Relative share of everyday incidents and complaints (roughly population).
    let weight: Double
    /// Relative share of flood incidents in a storm.
    let floodWeight: Double
    /// The fire station that covers it.
    let firePost: String

    var name: String { kecamatan.name }

    /// All 13, in `Kecamatan.all` order.
    static let all: [SimDistrict] = {
        let data: [(String, [String], [String], [String], Double, Double, String)] = [
            ("Tangerang", ["Sukarasa", "Sukasari", "Babakan", "Cikokol", "Kelapa Indah", "Buaran Indah", "Tanah Tinggi", "Sukaasih"],
             ["Jl. Ki Samaun", "Jl. Veteran", "Jl. Jenderal Sudirman", "Jl. M.H. Thamrin", "Jl. Perintis Kemerdekaan", "Jl. Daan Mogot", "Jl. Satria Sudirman"],
             ["Kampung Kalipasir", "bantaran Cisadane Sukasari", "Perumahan Buaran Indah"], 1.2, 0.7, "Damkar Mako Cikokol"),
            ("Jatiuwung", ["Alam Jaya", "Gandasari", "Jatake", "Keroncong", "Manis Jaya", "Pasir Jaya"],
             ["Jl. Gatot Subroto", "Jl. Raya Serang", "Jl. Industri Raya", "Jl. Manis Raya"],
             ["Perumahan Jatake Permai", "Kampung Keroncong"], 0.8, 0.5, "Damkar Pos Jatiuwung"),
            ("Batuceper", ["Batuceper", "Batujaya", "Batusari", "Kebon Besar", "Poris Gaga", "Poris Gaga Baru", "Poris Jaya"],
             ["Jl. Daan Mogot", "Jl. Batuceper Raya", "Jl. Poris Gaga Raya", "Jl. Benteng Betawi"],
             ["Perumahan Poris Gaga", "Kampung Kebon Besar"], 0.9, 0.7, "Damkar Pos Batuceper"),
            ("Benda", ["Belendung", "Benda", "Jurumudi", "Jurumudi Baru", "Pajang"],
             ["Jl. Husein Sastranegara", "Jl. Marsekal Suryadarma", "Jl. Raya Benda", "Jl. Jurumudi Raya"],
             ["Kampung Jurumudi", "Perumahan Duta Bandara Permai"], 0.7, 0.7, "Damkar Pos Benda"),
            ("Cipondoh", ["Cipondoh", "Cipondoh Indah", "Cipondoh Makmur", "Gondrong", "Kenanga", "Ketapang", "Petir", "Poris Plawad", "Poris Plawad Indah"],
             ["Jl. K.H. Hasyim Ashari", "Jl. Benteng Betawi", "Jl. Maulana Hasanudin", "Jl. Poris Indah Raya"],
             ["Perumahan Banjar Wijaya", "Perumahan Cipondoh Makmur", "Perumahan Poris Indah", "pinggir Situ Cipondoh"], 1.3, 2.5, "Damkar Pos Cipondoh"),
            ("Ciledug", ["Parung Serab", "Paninggilan", "Paninggilan Utara", "Sudimara Barat", "Sudimara Jaya", "Sudimara Selatan", "Sudimara Timur", "Tajur"],
             ["Jl. H.O.S. Cokroaminoto", "Jl. Raden Fatah", "Jl. K.H. Hasyim Ashari", "Jl. Tajur Raya"],
             ["Perumahan Puri Kartika", "Perumahan Wisma Tajur", "Kampung Paninggilan", "Perumahan Ciledug Permai"], 1.0, 4.0, "Damkar Pos Ciledug"),
            ("Karawaci", ["Bojong Jaya", "Cimone", "Cimone Jaya", "Karawaci", "Karawaci Baru", "Koang Jaya", "Nusa Jaya", "Pabuaran", "Pasar Baru", "Sukajadi", "Sumur Pancing", "Gerendeng"],
             ["Jl. Imam Bonjol", "Jl. Gatot Subroto", "Jl. Otto Iskandardinata", "Jl. Pasar Baru"],
             ["Perumahan Pondok Arum", "bantaran Cisadane Koang Jaya"], 1.3, 1.0, "Damkar Pos Karawaci"),
            ("Periuk", ["Gebang Raya", "Gembor", "Periuk", "Periuk Jaya", "Sangiang Jaya"],
             ["Jl. Raya Periuk", "Jl. Gebang Raya", "Jl. Sangiang Jaya", "Jl. Gembor Raya"],
             ["Perumahan Periuk Damai", "Perumahan Total Persada", "Perumahan Villa Tomang Baru", "Perumahan Garden City"], 1.0, 5.0, "Damkar Pos Periuk"),
            ("Cibodas", ["Cibodas", "Cibodas Baru", "Cibodasari", "Jatiuwung", "Panunggangan Barat", "Uwung Jaya"],
             ["Jl. Gatot Subroto", "Jl. Prabu Siliwangi", "Jl. Raya Cibodas", "Jl. Imam Bonjol"],
             ["Perumahan Cibodas Baru", "Kampung Uwung Jaya"], 1.1, 1.0, "Damkar Pos Cibodas"),
            ("Neglasari", ["Karang Anyar", "Karang Sari", "Kedaung Baru", "Kedaung Wetan", "Mekarsari", "Neglasari", "Selapajang Jaya"],
             ["Jl. Marsekal Suryadarma", "Jl. Iskandar Muda", "Jl. Kedaung Raya", "Jl. Karang Sari Raya"],
             ["bantaran Cisadane Karang Sari", "Kampung Kedaung Baru"], 0.9, 0.8, "Damkar Pos Neglasari"),
            ("Pinang", ["Cipete", "Kunciran", "Kunciran Indah", "Kunciran Jaya", "Nerogtog", "Panunggangan", "Panunggangan Timur", "Panunggangan Utara", "Pinang", "Sudimara Pinang", "Pakojan"],
             ["Jl. M.H. Thamrin", "Jl. Kunciran Raya", "Jl. Nerogtog Raya", "Jl. Pinang Raya"],
             ["Perumahan Kunciran Indah", "Kampung Sudimara Pinang"], 1.1, 1.0, "Damkar Pos Pinang"),
            ("Karang Tengah", ["Karang Tengah", "Karang Mulya", "Karang Timur", "Parung Jaya", "Pedurenan", "Pondok Bahar", "Pondok Pucung"],
             ["Jl. Raden Saleh", "Jl. K.H. Hasyim Ashari", "Jl. Karang Tengah Raya", "Jl. Pedurenan Raya"],
             ["Perumahan Ciledug Indah", "Kompleks Pondok Bahar", "Perumahan Pedurenan Mas"], 1.0, 3.0, "Damkar Pos Karang Tengah"),
            ("Larangan", ["Cipadu", "Cipadu Jaya", "Gaga", "Kreo", "Kreo Selatan", "Larangan Indah", "Larangan Selatan", "Larangan Utara"],
             ["Jl. H.O.S. Cokroaminoto", "Jl. Inpres Raya", "Jl. Kreo Raya", "Jl. Cipadu Raya"],
             ["Kompleks Larangan Indah", "Kampung Kreo Selatan", "Perumahan Cipadu Jaya"], 1.0, 3.0, "Damkar Pos Larangan"),
        ]
        return data.map { d in
            SimDistrict(kecamatan: Kecamatan.named(d.0)!, kelurahan: d.1, streets: d.2, floodSpots: d.3,
                        weight: d.4, floodWeight: d.5, firePost: d.6)
        }
    }()

    /// The index of a kecamatan in `Kecamatan.all` (and `SimDistrict.all`); 0 if unknown.
    static func index(_ name: String) -> Int {
        Kecamatan.all.firstIndex { $0.name == name } ?? 0
    }

    /// A point within `maxMeters` of the kecamatan centre (uniform over the disc).
    func jitteredPoint(_ r: inout SimRandom, maxMeters: Double = 1500) -> GeoPoint {
        SimDistrict.jitter(kecamatan.centre, &r, maxMeters: maxMeters)
    }

    /// A point within `maxMeters` of `p`, rounded to 4 decimals (about 11 m).
    static func jitter(_ p: GeoPoint, _ r: inout SimRandom, maxMeters: Double) -> GeoPoint {
        let dist = maxMeters * r.unit().squareRoot()
        let angle = r.uniform(0, 2 * .pi)
        let dLat = dist * cos(angle) / 111_320
        let dLon = dist * sin(angle) / (111_320 * 0.9942) // cos(6.19°)
        return GeoPoint(lat: SimMath.round4(p.lat + dLat), lon: SimMath.round4(p.lon + dLon))
    }

    /// A street of the kecamatan and an address on it, e.g. `Jl. Imam Bonjol No. 12`.
    func streetAddress(_ r: inout SimRandom) -> (street: String, address: String) {
        let street = r.pick(streets)
        return (street, "\(street) No. \(r.int(1...180))")
    }
}
