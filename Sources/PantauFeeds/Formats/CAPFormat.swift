import Foundation
import PantauCore

/// OASIS CAP 1.2 alerts (BMKG weather warnings and the like) → incidents; or an RSS/Atom index
/// whose items link to CAP alerts → `links` for an http source to fetch.
///
/// Each alert becomes one incident event, channel `cap`, from its Indonesian `info` (else the
/// English one, else the first), its category by ``CAPCategory``. The incident id is the
/// identifier of the first alert in the chain (`references`), so an `Update` replaces the
/// incident's fields and adds a note, and a `Cancel` closes it; `urgency` Past or an
/// `AllClear` response resolves it; an `Alert` that references earlier messages re-opens it.
/// The info's `expires` rides on the event (the store closes the incident when now passes
/// it); one that has passed by `context.now` (the moment of reading) also adds a close at the
/// expiry time, so a recording holds it and replays agree. Alerts are recognised by
/// namespace, not prefix; the declared encoding is honoured. Non-`Actual` alerts (tests,
/// exercises, drafts) and `Ack`/`Error` messages are ignored, not counted as bad input.
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
            result.skip(FormatInput.looksLikeHTML(payload) ? "html_error_page" : doc.failure ?? "invalid_xml")
            return result
        }
        if root.name.lowercased() == "html" || (!doc.wellFormed && FormatInput.looksLikeHTML(payload)) {
            result.skip("html_error_page")
            return result
        }
        if let failure = doc.failure { result.skip(failure) }
        if doc.repairedEncoding { result.repair("invalid_utf8") }

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
        // The close of each chain whose latest alert here has expired: an earlier alert's
        // expiry is superseded by the update that follows it.
        var expiries: [(root: String, event: FeedEvent?)] = []
        for alert in alerts {
            let (e, expiry) = events(alert, context: context, chainRoot: &chainRoot, result: &result)
            guard let e else { continue }
            guard PlausibleRange.violation(in: e) == nil else {
                result.skip(SkipReason.outOfRange.rawValue)
                continue
            }
            result.events.append(e)
            if case .incident(let u) = e.payload {
                expiries.removeAll { $0.root == u.id }
                expiries.append((u.id, expiry))
            }
        }
        result.events += expiries.compactMap(\.event)
        return result
    }

    /// The incident event of one alert and, when its info has expired by `context.now`, the
    /// close at the expiry time.
    private func events(_ alert: CAPAlert, context: FormatContext, chainRoot: inout [String: String],
                        result: inout FormatResult) -> (FeedEvent?, expiry: FeedEvent?) {
        guard let identifier = alert.identifier, var rootID = alert.chainRootIdentifier else {
            result.skip("missing_id")
            return (nil, nil)
        }
        if let status = alert.status, status.lowercased() != "actual" {
            // Test, Exercise, System, Draft: well formed, but not about the real world.
            result.ignore("not_actual")
            return (nil, nil)
        }
        let msgType = (alert.msgType ?? "Alert").lowercased()
        guard ["alert", "update", "cancel"].contains(msgType) else {
            // Ack and Error talk about messages, not hazards.
            result.ignore("msg_type")
            return (nil, nil)
        }
        // A chain seen earlier in this payload resolves to its first alert.
        if let known = chainRoot[rootID] { rootID = known }
        for r in alert.references where chainRoot[r.identifier] == nil { chainRoot[r.identifier] = rootID }
        chainRoot[identifier] = rootID

        var u = IncidentUpdate(id: rootID)
        u.channel = "cap"
        let info = alert.preferredInfo
        u.agency = info?.senderName
        let time = alert.sent ?? context.now
        if msgType == "cancel" {
            u.status = .closed
            let reason = alert.note ?? info?.description ?? info?.headline
            u.note = "Alert cancelled" + (reason.map { ": \($0)" } ?? "")
            return (FeedEvent(time: time, source: context.source, payload: .incident(u)), nil)
        }
        guard let info else {
            result.skip("no_info")
            return (nil, nil)
        }
        let category = CAPCategory.of(event: info.event, capCategories: info.categories)
        u.category = category
        u.severity = CAPAlert.severity(info.severity)
        u.title = Self.title(info, category: category)
        u.note = info.description
        // The store closes the incident when now passes it (so an alert in force when read
        // closes on screen as it lapses); a later Update moves it.
        u.expires = info.expires
        if CAPAlert.isOver(info) {
            // Urgency Past or an All Clear: the event is over.
            u.status = .resolved
            let why = info.responseTypes.contains { $0.lowercased() == "allclear" } ? "All clear" : "Event over (urgency Past)"
            u.note = why + ((info.description ?? info.headline).map { ": \($0)" } ?? "")
        } else if msgType == "alert" {
            // A fresh alert is new; one that references earlier messages re-issues a chain
            // (after a Cancel, say) and re-opens its incident.
            u.status = alert.references.isEmpty ? .new : .acknowledged
            if !alert.references.isEmpty { u.note = "Alert re-issued" + (info.description.map { ": \($0)" } ?? "") }
        }
        u.place.address = info.areas.first { $0.areaDesc != nil }?.areaDesc
        if let c = info.areas.lazy.flatMap(\.circles).compactMap(CAPAlert.circle).first {
            u.place.location = c.0
            u.place.district = FormatGeo.district(near: c.0)
        } else if let p = info.areas.lazy.flatMap(\.polygons).compactMap(CAPAlert.polygonCentroid).first {
            u.place.location = p
        }
        let event = FeedEvent(time: time, source: context.source, payload: .incident(u))
        guard let expires = info.expires, expires <= context.now, u.status != .resolved else { return (event, nil) }
        var end = IncidentUpdate(id: rootID)
        end.status = .closed
        end.note = "Alert expired at \(RFC3339.format(expires))"
        return (event, FeedEvent(time: max(expires, time), source: context.source, payload: .incident(end)))
    }

    /// The incident title: the headline, else the event; an `other` incident keeps the
    /// event's name in front of a headline that does not carry it.
    static func title(_ info: CAPAlert.Info, category: IncidentCategory) -> String {
        guard let headline = info.headline else { return info.event ?? "CAP alert" }
        guard category == .other, let event = info.event,
              headline.range(of: event, options: [.caseInsensitive, .diacriticInsensitive]) == nil else { return headline }
        return "\(event) — \(headline)"
    }

    /// The alert links of an RSS or Atom index: an item's CAP enclosure or link, absolute or
    /// relative to the index.
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
            // A relative link stays relative (to the feed's and the item's xml:base, which may be
            // relative too): the http source resolves it against the index's URL.
            let base = [root.attributes["xml:base"], item.attributes["xml:base"]].compactMap { $0 }
                .reduce(nil as URL?) { URL(string: $1, relativeTo: $0) ?? $0 }
            if let s = candidates.first, let url = URL(string: s, relativeTo: base) { out.append(url) }
        }
        return out
    }
}
