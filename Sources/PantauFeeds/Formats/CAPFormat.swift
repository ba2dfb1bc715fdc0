import Foundation
import PantauCore

/// OASIS CAP 1.2 alerts (BMKG weather warnings and the like) → incidents; or an RSS/Atom index
/// whose items link to CAP alerts → `links` for an http source to fetch.
///
/// Each alert becomes one incident event, channel `cap`, from its Indonesian `info` (else the
/// English one, else the first). The incident id is the identifier of the first alert in the
/// chain, so an `Update` replaces the incident's fields and adds a note, and a `Cancel` closes
/// it. Alerts are recognised by namespace, not prefix; the declared encoding is honoured.
/// Non-`Actual` alerts (tests, exercises, drafts) and `Ack`/`Error` messages are skipped.
public struct CAPFormat: FeedFormat {
    public static let name = "cap"
    public static let kinds: Set<String> = ["incident"]
    public static let summary = "OASIS CAP 1.2 alerts (or an RSS/Atom index of them) → incidents"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        if FormatInput.isBlank(payload) {
            result.skip("empty_payload")
            return result
        }
        let doc = XMLTree.parse(payload)
        guard let root = doc.root else {
            result.skip(FormatInput.looksLikeHTML(payload) ? "html_error_page" : "invalid_xml")
            return result
        }
        if root.name.lowercased() == "html" || (!doc.wellFormed && FormatInput.looksLikeHTML(payload)) {
            result.skip("html_error_page")
            return result
        }
        if !doc.wellFormed { result.skip("invalid_xml") }

        let alertElements = root.descendants { $0.name == "alert" && $0.namespace == CAPAlert.namespace }
        let complete = alertElements.filter(\.closed)
        if alertElements.isEmpty {
            let links = Self.indexLinks(root)
            if !links.isEmpty || ["rss", "feed", "RDF"].contains(root.name) {
                result.links = links
            } else if doc.wellFormed {
                result.skip("not_cap")
            }
            return result
        }

        // In `sent` order, so an Update follows its Alert even if the document lists it first.
        let alerts = complete.map(CAPAlert.init).enumerated()
            .sorted { a, b in
                let ta = a.element.sent ?? context.now, tb = b.element.sent ?? context.now
                return ta != tb ? ta < tb : a.offset < b.offset
            }
            .map(\.element)
        var chainRoot: [String: String] = [:]
        for alert in alerts {
            if let e = event(alert, context: context, chainRoot: &chainRoot, result: &result) {
                result.append(e)
            }
        }
        return result
    }

    private func event(_ alert: CAPAlert, context: FormatContext, chainRoot: inout [String: String],
                       result: inout FormatResult) -> FeedEvent? {
        guard let identifier = alert.identifier, var rootID = alert.chainRootIdentifier else {
            result.skip("missing_id")
            return nil
        }
        if let status = alert.status, status.lowercased() != "actual" {
            result.skip("not_actual")
            return nil
        }
        let msgType = (alert.msgType ?? "Alert").lowercased()
        guard ["alert", "update", "cancel"].contains(msgType) else {
            result.skip("msg_type")
            return nil
        }
        // A chain seen earlier in this payload resolves to its first alert.
        if let known = chainRoot[rootID] { rootID = known }
        for r in alert.references where chainRoot[r.identifier] == nil { chainRoot[r.identifier] = rootID }
        chainRoot[identifier] = rootID

        var u = IncidentUpdate(id: rootID)
        u.channel = "cap"
        let info = alert.preferredInfo
        u.agency = info?.senderName
        if msgType == "cancel" {
            u.status = .closed
            let reason = alert.note ?? info?.description ?? info?.headline
            u.note = "Alert cancelled" + (reason.map { ": \($0)" } ?? "")
        } else {
            guard let info else {
                result.skip("no_info")
                return nil
            }
            u.status = msgType == "alert" ? .new : nil
            u.category = CAPAlert.category(info.categories.first)
            u.severity = CAPAlert.severity(info.severity)
            u.title = info.headline ?? info.event ?? "CAP alert"
            u.note = info.description
            u.place.address = info.areas.first { $0.areaDesc != nil }?.areaDesc
            if let c = info.areas.lazy.flatMap(\.circles).compactMap(CAPAlert.circle).first {
                u.place.location = c.0
                u.place.district = FormatGeo.district(near: c.0)
            } else if let p = info.areas.lazy.flatMap(\.polygons).compactMap(CAPAlert.polygonCentroid).first {
                u.place.location = p
            }
        }
        return FeedEvent(time: alert.sent ?? context.now, source: context.source, payload: .incident(u))
    }

    /// The alert links of an RSS or Atom index: an item's CAP enclosure or link.
    static func indexLinks(_ root: XMLTree) -> [URL] {
        var out: [URL] = []
        for item in root.descendants(where: { $0.name == "item" || $0.name == "entry" }) {
            var candidates: [String] = []
            for enc in item.children("enclosure") where (enc.attributes["type"] ?? "").contains("cap") {
                if let u = enc.attributes["url"] { candidates.append(u) }
            }
            let links = item.children("link")
            candidates += links.filter { ($0.attributes["type"] ?? "").contains("cap") }.compactMap { $0.attributes["href"] }
            candidates += links.filter { ($0.attributes["rel"] ?? "alternate") == "alternate" }.compactMap { $0.attributes["href"] }
            candidates += links.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            candidates += links.compactMap { $0.attributes["href"] }
            if let s = candidates.first, let url = URL(string: s), url.scheme != nil { out.append(url) }
        }
        return out
    }
}
