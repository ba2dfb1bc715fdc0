import Foundation
import PantauCore

/// Open311 GeoReport v2 service requests (`requests.json` or `requests.xml`) → tickets.
///
/// `service_request_id` → id, `service_name` → category, `description` → title (else the
/// service name), `agency_responsible` → agency, `requested_datetime` → created,
/// `updated_datetime` (else `requested_datetime`) → the event time, `status` → open/closed,
/// `status_notes` → note, `expected_datetime` → `sla_h` (hours after the request), `lat`/`long`
/// → location (none for null or 0,0; swapped pairs are put right), `address` → address.
/// Numbers may be strings. A request without an id is skipped (`missing_id`); an API error
/// response counts as `api_error`.
public struct Open311Format: FeedFormat {
    public static let name = "open311"
    public static let kinds: Set<String> = ["ticket"]
    public static let summary = "Open311 GeoReport v2 service requests (JSON or XML) → tickets"

    public init() {}

    /// One request's fields, from JSON or XML.
    private struct Record {
        var field: (String) -> JSONValue?
    }

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        guard let first = FormatInput.firstByte(payload) else {
            result.skip("empty_payload")
            return result
        }
        if first == UInt8(ascii: "<") {
            convertXML(payload, context: context, into: &result)
        } else {
            convertJSON(payload, context: context, into: &result)
        }
        return result
    }

    private func convertJSON(_ payload: Data, context: FormatContext, into result: inout FormatResult) {
        guard let (value, complete) = FormatInput.json(payload, into: &result) else { return }
        let records: [JSONValue]
        if let a = value.array {
            records = a
        } else if let a = value["service_requests"]?.array ?? value["requests"]?.array ?? value["request"]?.array {
            records = a
        } else if value.isObject {
            guard complete else { return } // a cut-off single request is not a whole record
            records = [value]
        } else {
            result.skip("not_open311")
            return
        }
        for r in records {
            guard r.isObject else {
                result.skip("not_an_object")
                continue
            }
            if let e = ticket(Record(field: { r[$0] }), context: context, result: &result) { result.append(e) }
        }
    }

    private func convertXML(_ payload: Data, context: FormatContext, into result: inout FormatResult) {
        let doc = XMLTree.parse(payload)
        guard let root = doc.root else {
            result.skip(FormatInput.looksLikeHTML(payload) ? "html_error_page" : doc.failure ?? "invalid_xml")
            return
        }
        if root.name.lowercased() == "html" || (!doc.wellFormed && FormatInput.looksLikeHTML(payload)) {
            result.skip("html_error_page")
            return
        }
        if let failure = doc.failure { result.skip(failure) }
        if doc.repairedEncoding { result.repair("invalid_utf8") }
        if root.name == "errors" {
            result.skip("api_error", count: max(1, root.children("error").count))
            return
        }
        let requests = root.name == "request" ? [root] : root.children("request")
        if requests.isEmpty, root.name != "service_requests" {
            if doc.wellFormed { result.skip("not_open311") }
            return
        }
        for r in requests where r.closed {
            let record = Record(field: { name in r.value(name).map(JSONValue.string) })
            if let e = ticket(record, context: context, result: &result) { result.append(e) }
        }
    }

    private func ticket(_ r: Record, context: FormatContext, result: inout FormatResult) -> FeedEvent? {
        guard let id = r.field("service_request_id")?.text else {
            // GeoReport error objects: {"code": 403, "description": "…"}.
            result.skip(r.field("code") != nil && r.field("description") != nil ? "api_error" : "missing_id")
            return nil
        }
        var t = TicketUpdate(id: id)
        let serviceName = r.field("service_name")?.string
        t.category = serviceName
        t.title = r.field("description")?.string ?? serviceName
        t.agency = r.field("agency_responsible")?.string
        let requested = r.field("requested_datetime")?.string.flatMap(FormatTime.parse)
        let updated = r.field("updated_datetime")?.string.flatMap(FormatTime.parse)
        t.created = requested
        if let status = r.field("status")?.string?.lowercased() {
            t.status = TicketStatus(rawValue: status == "in progress" ? "in_progress" : status)
        }
        t.note = r.field("status_notes")?.string
        if let requested, let expected = r.field("expected_datetime")?.string.flatMap(FormatTime.parse),
           expected > requested {
            t.slaHours = (expected.seconds(since: requested) / 3600 * 100).rounded() / 100
        }
        t.place.address = r.field("address")?.string
        t.place.location = Self.location(lat: r.field("lat")?.number, long: r.field("long")?.number)
        t.place.district = FormatGeo.district(near: t.place.location)
        return FeedEvent(time: updated ?? requested ?? context.now, source: context.source, payload: .ticket(t))
    }

    /// A usable location: none for missing or 0,0; a pair given the wrong way round (latitude
    /// beyond ±90, or one that only lands in Kota Tangerang when swapped) is swapped back.
    static func location(lat: Double?, long: Double?) -> GeoPoint? {
        guard let lat, let long else { return nil }
        let p = FormatGeo.point(lat: lat, lon: long)
        let swapped = FormatGeo.point(lat: long, lon: lat)
        if p == nil { return swapped }
        if let swapped, FormatGeo.district(near: p) == nil, FormatGeo.district(near: swapped) != nil { return swapped }
        return p
    }
}
