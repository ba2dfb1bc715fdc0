import PantauCore

/// The parts of an OASIS CAP 1.2 `alert` that Pantau uses, read from an `XMLTree`.
struct CAPAlert {
    /// The CAP 1.2 namespace; alerts are recognised by it, whatever prefix the document uses.
    static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"

    /// One `references` entry: `sender,identifier,sent`.
    struct Reference {
        var sender: String
        var identifier: String
        var sent: Instant?
    }

    /// One `area`.
    struct Area {
        var areaDesc: String?
        var circles: [String]
        var polygons: [String]
    }

    /// One `info` block.
    struct Info {
        var language: String
        var categories: [String]
        var event: String?
        /// `Immediate`, `Expected`, `Future`, `Past` or `Unknown`.
        var urgency: String?
        /// `Shelter`, `Evacuate`, …, `AllClear`, `None`.
        var responseTypes: [String]
        var severity: String?
        /// When the information stops being in force.
        var expires: Instant?
        var senderName: String?
        var headline: String?
        var description: String?
        var areas: [Area]
    }

    var identifier: String?
    var sender: String?
    var sent: Instant?
    var status: String?
    var msgType: String?
    var note: String?
    var references: [Reference]
    var infos: [Info]

    init(_ e: XMLTree) {
        identifier = e.value("identifier")
        sender = e.value("sender")
        sent = e.value("sent").flatMap(FormatTime.parse)
        status = e.value("status")
        msgType = e.value("msgType")
        note = e.value("note")
        references = (e.value("references") ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .compactMap { entry in
                let parts = entry.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, !parts[1].isEmpty else { return nil }
                return Reference(sender: parts[0], identifier: parts[1], sent: FormatTime.parse(parts[2...].joined(separator: ",")))
            }
        infos = e.children("info").map { i in
            Info(language: i.value("language") ?? "en-US",
                 categories: i.children("category").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
                 event: i.value("event"),
                 urgency: i.value("urgency"),
                 responseTypes: i.children("responseType").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
                 severity: i.value("severity"),
                 expires: i.value("expires").flatMap(FormatTime.parse),
                 senderName: i.value("senderName"),
                 headline: i.value("headline"),
                 description: i.value("description"),
                 areas: i.children("area").map { a in
                     Area(areaDesc: a.value("areaDesc"),
                          circles: a.children("circle").map(\.text),
                          polygons: a.children("polygon").map(\.text))
                 })
        }
    }

    /// The `info` to show: Indonesian if present, else English, else the first.
    var preferredInfo: Info? {
        infos.first { $0.language.lowercased().hasPrefix("id") }
            ?? infos.first { $0.language.lowercased().hasPrefix("en") }
            ?? infos.first
    }

    /// Whether the info says the event is over: `urgency` Past, or an `AllClear` response.
    static func isOver(_ info: Info) -> Bool {
        info.urgency?.lowercased() == "past" || info.responseTypes.contains { $0.lowercased() == "allclear" }
    }

    /// The identifier of the first alert in this alert's chain: the earliest `references`
    /// entry by `sent` (the first listed when times are missing), or its own identifier.
    var chainRootIdentifier: String? {
        guard !references.isEmpty else { return identifier }
        var best = references[0]
        for r in references.dropFirst() {
            if let t = r.sent, best.sent.map({ t < $0 }) ?? true { best = r }
        }
        return best.identifier
    }

    /// Pantau severity (1…5) for a CAP `severity`.
    static func severity(_ cap: String?) -> Int {
        switch cap?.lowercased() ?? "" {
        case "extreme": return 5
        case "severe": return 4
        case "moderate": return 3
        case "minor": return 2
        default: return 1
        }
    }

    /// The centre of a CAP circle, `lat,lon radius`, and its radius in km.
    static func circle(_ text: String) -> (GeoPoint, Double?)? {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard let first = parts.first, let p = latLon(first) else { return nil }
        return (p, parts.count > 1 ? Double(parts[1]) : nil)
    }

    /// The centroid of a CAP polygon: space-separated `lat,lon` pairs (latitude first).
    static func polygonCentroid(_ text: String) -> GeoPoint? {
        var pts = text.split(whereSeparator: \.isWhitespace).compactMap(latLon)
        guard !pts.isEmpty else { return nil }
        if pts.count > 1, pts.first == pts.last { pts.removeLast() }
        // Area centroid (shoelace, x = lon, y = lat); the vertex mean for a degenerate ring.
        var a = 0.0, cx = 0.0, cy = 0.0
        for k in 0..<pts.count {
            let p = pts[k], q = pts[(k + 1) % pts.count]
            let cross = p.lon * q.lat - q.lon * p.lat
            a += cross
            cx += (p.lon + q.lon) * cross
            cy += (p.lat + q.lat) * cross
        }
        if abs(a) > 1e-12 {
            return FormatGeo.point(lat: cy / (3 * a), lon: cx / (3 * a))
        }
        let n = Double(pts.count)
        return FormatGeo.point(lat: pts.map(\.lat).reduce(0, +) / n, lon: pts.map(\.lon).reduce(0, +) / n)
    }

    private static func latLon<S: StringProtocol>(_ pair: S) -> GeoPoint? {
        let c = pair.split(separator: ",")
        guard c.count == 2, let lat = Double(c[0]), let lon = Double(c[1]) else { return nil }
        return FormatGeo.point(lat: lat, lon: lon)
    }
}
