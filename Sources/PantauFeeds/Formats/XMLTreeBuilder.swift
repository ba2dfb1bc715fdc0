import CLibXML2
import Foundation

/// libxml2 is initialised once per process, before the first parse (it is thread-safe after).
private let libxml2Ready: Void = xmlInitParser()

/// Builds an `XMLTree` from libxml2's SAX2 events.
///
/// libxml2 is driven directly rather than through Foundation's `XMLParser`, which traps on a
/// name, comment or processing instruction that is not valid UTF-8 and drops the text after an
/// unexpanded entity. Every string libxml2 hands over is decoded with repair (never trapping).
/// Like `XMLParser`, libxml2 runs in recovery mode: a well-formedness error is recorded
/// (`invalid_xml`) and the parse goes on, so the records around a bad character reference
/// are kept; elements without their end tag (a cut-off document) stay `closed == false`. The
/// parse stops at once on text that cannot be decoded as declared (`invalid_encoding`), on
/// entities that expand without bound (`entity_expansion`), and past the depth and element
/// limits. No error is ever printed.
final class XMLTreeBuilder {
    private var root: XMLTree?
    private var stack: [XMLTree] = []
    private static let maxDepth = 64
    private static let maxElements = 200_000
    private var elements = 0
    /// Text and attribute bytes delivered so far, and the most a document may deliver: its own
    /// size several times over, so only entity expansion can reach it.
    private var textBytes = 0
    private let maxTextBytes: Int
    private var failure: String?
    /// Set once the parse was stopped; later events are ignored.
    private var stopped = false

    private init(maxTextBytes: Int) {
        self.maxTextBytes = maxTextBytes
    }

    /// Parses `data` (libxml2 decodes it as the document declares).
    static func parse(_ data: Data) -> XMLTree.Parsed {
        _ = libxml2Ready
        let builder = XMLTreeBuilder(maxTextBytes: (8 << 20) + 4 * data.count)
        let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: xmlSAXHandler())
        defer {
            handler.deinitialize(count: 1)
            handler.deallocate()
        }
        installCallbacks(handler)
        data.withUnsafeBytes { raw in
            guard raw.count <= Int(Int32.max), let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self),
                  let ctxt = xmlCreateMemoryParserCtxt(base, Int32(raw.count)) else { return }
            let defaultHandler = ctxt.pointee.sax
            ctxt.pointee.sax = handler
            _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue))
            // Never substitute or load entities from outside, whatever the process defaults are.
            ctxt.pointee.replaceEntities = 0
            ctxt.pointee.loadsubset = 0
            ctxt.pointee.validate = 0
            ctxt.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
            // Errors raised without a parser context (encoding conversion, I/O) come here
            // instead of being printed on stderr (this thread only).
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(builder).toOpaque()) { data, error in
                guard let data, let error else { return }
                let builder = Unmanaged<XMLTreeBuilder>.fromOpaque(data).takeUnretainedValue()
                let domain = xmlErrorDomain(rawValue: UInt32(bitPattern: error.pointee.domain))
                if domain == XML_FROM_I18N || domain == XML_FROM_IO {
                    builder.stop("invalid_encoding")
                } else if error.pointee.level == XML_ERR_FATAL {
                    builder.fail("invalid_xml")
                }
            }
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            _ = xmlParseDocument(ctxt)
            if ctxt.pointee.wellFormed == 0 { builder.fail("invalid_xml") }
            if let doc = ctxt.pointee.myDoc {
                xmlFreeDoc(doc)
                ctxt.pointee.myDoc = nil
            }
            ctxt.pointee._private = nil
            ctxt.pointee.sax = defaultHandler
            xmlFreeParserCtxt(ctxt)
        }
        if builder.root == nil || !builder.stack.isEmpty { builder.fail("invalid_xml") }
        return XMLTree.Parsed(root: builder.root, failure: builder.failure)
    }

    // MARK: Events

    private func startElement(name: String, namespace: String?, attributes: [String: String]) {
        elements += 1
        guard stack.count < Self.maxDepth, elements <= Self.maxElements else { return stop("invalid_xml") }
        let node = XMLTree(name: name, namespace: namespace, attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    private func endElement() {
        stack.popLast()?.closed = true
    }

    private func text(_ s: String, bytes: Int) {
        guard deliver(bytes) else { return }
        stack.last?.text += s
    }

    /// Counts `bytes` of text against the bound; false (and the parse stopped) past it.
    private func deliver(_ bytes: Int) -> Bool {
        textBytes += bytes
        guard textBytes <= maxTextBytes else {
            stop("entity_expansion")
            return false
        }
        return true
    }

    /// Records the first reason the document was not read to its end.
    private func fail(_ reason: String) {
        if failure == nil { failure = reason }
    }

    /// Fails with `reason` and stops taking events; the parser itself is halted at its next
    /// event (halting it inside an error report, mid-decoding, is not safe).
    private func stop(_ reason: String) {
        fail(reason)
        stopped = true
    }

    /// Takes a fatal error of the parser: one that makes the rest of the document meaningless
    /// stops the parse, any other is recorded and recovered from.
    private func fatalError(code: Int32) {
        switch xmlParserErrors(rawValue: UInt32(bitPattern: code)) {
        case XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_INVALID_ENCODING:
            stop("invalid_encoding")
        case XML_ERR_ENTITY_LOOP:
            stop("entity_expansion")
        default:
            fail("invalid_xml")
        }
    }

    // MARK: libxml2 callbacks

    /// The builder behind a parser context (the document's, or an entity's child context).
    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> XMLTreeBuilder? {
        guard let ctxt = ctx?.assumingMemoryBound(to: xmlParserCtxt.self), let p = ctxt.pointee._private else { return nil }
        return Unmanaged<XMLTreeBuilder>.fromOpaque(p).takeUnretainedValue()
    }

    /// The builder to take an event from a parser context; nil once the parse is stopped (and
    /// then the context is halted, which is safe from an event).
    private static func of(_ ctx: UnsafeMutableRawPointer?) -> XMLTreeBuilder? {
        guard let builder = builder(ctx) else { return nil }
        guard !builder.stopped else {
            xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self))
            return nil
        }
        return builder
    }

    /// libxml2's SAX2 defaults (document and DTD bookkeeping, entity declarations and look-up)
    /// with the tree events, errors and entity references taken over; no external subset and
    /// no external entity is ever resolved.
    private static func installCallbacks(_ h: UnsafeMutablePointer<xmlSAXHandler>) {
        _ = xmlSAXVersion(h, 2)
        h.pointee.startElement = nil
        h.pointee.endElement = nil
        h.pointee.comment = nil
        h.pointee.processingInstruction = nil
        h.pointee.externalSubset = nil
        h.pointee.warning = nil
        h.pointee.error = nil
        h.pointee.fatalError = nil
        h.pointee.resolveEntity = { _, _, _ in nil }
        h.pointee.startElementNs = { ctx, localname, _, uri, _, _, attributeCount, _, attributes in
            guard let b = XMLTreeBuilder.of(ctx) else { return }
            var attrs: [String: String] = [:]
            var bytes = 0
            if let attributes {
                for i in 0..<max(0, Int(attributeCount)) {
                    // Five pointers an attribute: local name, prefix, URI, value start, value end.
                    let base = i * 5
                    guard let start = attributes[base + 3], let end = attributes[base + 4], end >= start else { continue }
                    let local = xmlString(attributes[base])
                    let key = attributes[base + 1].map { xmlString($0) + ":" + local } ?? local
                    // Entities are not substituted, so libxml2 leaves every `&` of the value
                    // escaped: `&#38;` for a literal one, `&name;` for a reference it kept.
                    attrs[key] = xmlString(start, count: end - start).replacingOccurrences(of: "&#38;", with: "&")
                    bytes += end - start
                }
            }
            guard b.deliver(bytes) else { return }
            let ns = uri.map { xmlString($0) }
            b.startElement(name: xmlString(localname), namespace: ns?.isEmpty == false ? ns : nil, attributes: attrs)
        }
        h.pointee.endElementNs = { ctx, _, _, _ in XMLTreeBuilder.of(ctx)?.endElement() }
        h.pointee.characters = { ctx, ch, len in XMLTreeBuilder.of(ctx)?.text(xmlString(ch, count: Int(len)), bytes: Int(len)) }
        h.pointee.ignorableWhitespace = h.pointee.characters
        h.pointee.cdataBlock = { ctx, value, len in XMLTreeBuilder.of(ctx)?.text(xmlString(value, count: Int(len)), bytes: Int(len)) }
        // Internal entities arrive expanded, as the events of their content; an external or
        // undeclared one is kept as written, so the text around it is not lost.
        h.pointee.reference = { ctx, name in
            guard let b = XMLTreeBuilder.of(ctx), let name else { return }
            let ctxt = ctx?.assumingMemoryBound(to: xmlParserCtxt.self)
            if let entity = xmlGetDocEntity(ctxt?.pointee.myDoc, name), entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY { return }
            let literal = "&" + xmlString(name) + ";"
            b.text(literal, bytes: literal.utf8.count)
        }
        h.pointee.serror = { ctx, error in
            guard let error, error.pointee.level == XML_ERR_FATAL, let b = XMLTreeBuilder.builder(ctx) else { return }
            b.fatalError(code: error.pointee.code)
        }
    }
}

/// A NUL-terminated string from libxml2, decoded as UTF-8 with repair (never trapping).
private func xmlString(_ p: UnsafePointer<xmlChar>?) -> String {
    p.map { String(cString: $0) } ?? ""
}

/// `count` bytes from libxml2, decoded as UTF-8 with repair (never trapping).
private func xmlString(_ p: UnsafePointer<xmlChar>?, count: Int) -> String {
    guard let p, count > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
}
