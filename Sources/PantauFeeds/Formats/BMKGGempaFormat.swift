import Foundation
import PantauCore

/// BMKG's open earthquake data (data.bmkg.go.id/gempabumi: `autogempa`, `gempaterkini`,
/// `gempadirasakan`, as `.json` or `.xml`) → incidents of category `earthquake`.
///
/// `{"Infogempa": {"gempa": {…}}}` (the latest quake: one object) or `{"Infogempa": {"gempa":
/// […]}}` (the last 15 M 5.0+ or felt quakes), or the same as `<Infogempa><gempa>…` XML with
/// `<point><coordinates>`. Each quake is one incident: id `bmkg-gempa-` and its UTC time
/// (`bmkg-gempa-20261203021530`, so the quake listed in all three feeds is one incident), time
/// from `DateTime` (else `Tanggal` and `Jam`, e.g. `03 Des 2026` `09:15:30 WIB`), place from
/// `Coordinates` (else `Lintang`/`Bujur`: `6.21 LS`, `106.63 BT`), title `Gempa M5.2 —
/// <Wilayah>`, note with depth, tsunami potential and where it was felt, and severity from
/// magnitude and the strongest felt MMI intensity (``severity(magnitude:mmi:tsunami:)``).
public struct BMKGGempaFormat: FeedFormat {
    public static let name = "bmkg-gempa"
    public static let kinds: Set<String> = ["incident"]
    public static let summary = "BMKG gempabumi (autogempa, gempaterkini, gempadirasakan; JSON or XML) → earthquake incidents"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        if FormatInput.firstByte(payload) == UInt8(ascii: "<"), !FormatInput.looksLikeHTML(payload) {
            return convertXML(payload, context: context)
        }
        guard let (value, _) = FormatInput.json(payload, into: &result) else { return result }
        guard let gempa = value["Infogempa"]?["gempa"] else {
            result.skip("not_bmkg_gempa")
            return result
        }
        let records = gempa.array ?? [gempa]
        for record in records {
            guard record.isObject else {
                result.skip("not_an_object")
                continue
            }
            if let e = event({ record[$0]?.text }, context: context, result: &result) { result.events.append(e) }
        }
        return result
    }

    private func convertXML(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        let doc = XMLTree.parse(payload)
        guard let root = doc.root, root.name == "Infogempa" else {
            result.skip(doc.root == nil ? "invalid_xml" : "not_bmkg_gempa")
            return result
        }
        if !doc.wellFormed { result.skip("invalid_xml") }
        for g in root.children("gempa") where g.closed {
            let field: (String) -> String? = { key in
                key == "Coordinates" ? g.value("Coordinates") ?? g.child("point")?.value("coordinates") : g.value(key)
            }
            if let e = event(field, context: context, result: &result) { result.events.append(e) }
        }
        return result
    }

    private func event(_ field: (String) -> String?, context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        guard let time = field("DateTime").flatMap(FormatTime.parse) ?? Self.wibTime(date: field("Tanggal"), time: field("Jam")) else {
            result.skip("missing_time")
            return nil
        }
        guard let magnitude = field("Magnitude").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
              magnitude.isFinite, magnitude >= 0, magnitude < 11 else {
            result.skip("missing_magnitude")
            return nil
        }
        let digits = RFC3339.format(time, offsetMinutes: 0).prefix(19).filter(\.isNumber)
        var u = IncidentUpdate(id: "bmkg-gempa-" + digits)
        u.category = .earthquake
        u.status = .new
        u.agency = "BMKG"
        u.channel = "bmkg"
        let potensi = field("Potensi")
        let felt = field("Dirasakan")
        let tsunami = potensi.map(Self.warnsOfTsunami) ?? false
        u.severity = Self.severity(magnitude: magnitude, mmi: felt.flatMap(Self.strongestMMI), tsunami: tsunami)
        let region = field("Wilayah")
        let m = String(format: "%.1f", magnitude)
        u.title = "Gempa M\(m)" + (region.map { " — \($0)" } ?? "")
        u.note = [field("Kedalaman").map { "Kedalaman \($0)" }, potensi, felt.map { "Dirasakan: \($0)" }]
            .compactMap { $0 }.joined(separator: " · ")
        if u.note?.isEmpty == true { u.note = nil }
        u.place.address = region
        u.place.location = field("Coordinates").flatMap(Self.point(coordinates:))
            ?? Self.point(lintang: field("Lintang"), bujur: field("Bujur"))
        u.place.district = FormatGeo.district(near: u.place.location)
        return FeedEvent(time: time, source: context.source, payload: .incident(u))
    }

    /// Severity 1–5: the higher of what the magnitude and the strongest felt intensity say; a
    /// tsunami warning is always 5.
    ///
    /// | magnitude | felt (MMI) | severity |
    /// |---|---|---|
    /// | < 4.0 | I–II | 1 |
    /// | 4.0–4.9 | III | 2 |
    /// | 5.0–5.9 | IV–V | 3 |
    /// | 6.0–6.9 | VI–VII | 4 |
    /// | ≥ 7.0 | VIII and up | 5 |
    static func severity(magnitude: Double, mmi: Int?, tsunami: Bool) -> Int {
        if tsunami { return 5 }
        let byMagnitude = magnitude >= 7 ? 5 : magnitude >= 6 ? 4 : magnitude >= 5 ? 3 : magnitude >= 4 ? 2 : 1
        let byIntensity: Int
        switch mmi ?? 0 {
        case 8...: byIntensity = 5
        case 6...7: byIntensity = 4
        case 4...5: byIntensity = 3
        case 3: byIntensity = 2
        default: byIntensity = 1
        }
        return max(byMagnitude, byIntensity)
    }

    /// Whether `Potensi` warns of a tsunami (`Berpotensi tsunami`, not `Tidak berpotensi tsunami`).
    static func warnsOfTsunami(_ potensi: String) -> Bool {
        let p = potensi.lowercased()
        return p.contains("tsunami") && !p.contains("tidak")
    }

    /// The strongest MMI intensity in `Dirasakan` (`III-IV Sukabumi, II Bogor` → 4), if any.
    static func strongestMMI(_ felt: String) -> Int? {
        let values = ["I": 1, "V": 5, "X": 10]
        var best: Int?
        for token in felt.split(whereSeparator: { !$0.isLetter }) where token.allSatisfy({ values[String($0)] != nil }) {
            var total = 0, previous = 0
            for ch in token.reversed() {
                let v = values[String(ch)]!
                total += v < previous ? -v : v
                previous = max(previous, v)
            }
            if total >= 1, total <= 12 { best = max(best ?? 0, total) }
        }
        return best
    }

    /// `-6.21,106.63` (latitude first, as BMKG writes it; the other order is recognised too).
    static func point(coordinates: String) -> GeoPoint? {
        let parts = coordinates.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 else { return nil }
        if abs(parts[0]) <= 15, abs(parts[1]) > 15 { return FormatGeo.point(lat: parts[0], lon: parts[1]) }
        return FormatGeo.point(lat: parts[1], lon: parts[0])
    }

    /// `6.21 LS` / `106.63 BT` (LS/LU: south/north, BT/BB: east/west).
    static func point(lintang: String?, bujur: String?) -> GeoPoint? {
        func signed(_ text: String?, negative: String) -> Double? {
            guard let text, let n = Double(text.split(separator: " ").first ?? "") else { return nil }
            return text.uppercased().contains(negative) ? -abs(n) : n
        }
        return FormatGeo.point(lat: signed(lintang, negative: "LS"), lon: signed(bujur, negative: "BB"))
    }

    /// `03 Des 2026` and `09:15:30 WIB` (WITA, WIT too) as an instant.
    static func wibTime(date: String?, time: String?) -> Instant? {
        guard let date, let time else { return nil }
        let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
                      "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12]
        let d = date.split(separator: " ")
        let t = time.split(separator: " ")
        guard d.count == 3, let day = Int(d[0]), let month = months[String(d[1].prefix(3)).lowercased()], let year = Int(d[2]),
              let clock = t.first, clock.count == 8 else { return nil }
        let zone = t.count > 1 ? String(t[1]).uppercased() : "WIB"
        let offset = zone == "WITA" ? "+08:00" : zone == "WIT" ? "+09:00" : "+07:00"
        return RFC3339.parse(String(format: "%04d-%02d-%02dT", year, month, day) + clock + offset)
    }
}
