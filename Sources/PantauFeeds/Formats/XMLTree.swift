import Foundation

/// A parsed XML element: local name, namespace URI, attributes, text and children.
/// `closed` tells whether its end tag was read (false for an element cut off by truncation).
final class XMLTree {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    var text = ""
    var children: [XMLTree] = []
    var closed = false

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// The first child named `name` (any namespace, or `namespace` when given).
    func child(_ name: String, namespace: String? = nil) -> XMLTree? {
        children.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every child named `name`.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The trimmed text of the first child named `name`, nil when absent or empty.
    func value(_ name: String) -> String? {
        guard let t = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// This element and every descendant, depth first.
    func descendants(where match: (XMLTree) -> Bool) -> [XMLTree] {
        var out: [XMLTree] = []
        var stack: [XMLTree] = [self]
        while let n = stack.popLast() {
            if match(n) { out.append(n) }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }

    /// The outcome of parsing a document.
    struct Parsed {
        /// The root element, if one was opened.
        var root: XMLTree?
        /// Why the document was not read to its end, as a skip reason: `invalid_xml` (not
        /// well-formed, cut off, too deep or too many elements), `invalid_encoding` (its bytes
        /// cannot be decoded as it declares) or `entity_expansion` (entities that expand
        /// without bound); nil when the whole document was read.
        var failure: String?
        /// Whether bytes that were not UTF-8 in a UTF-8 document were read as Windows-1252.
        var repairedEncoding = false

        /// Whether the parser read the whole document without an error.
        var wellFormed: Bool { failure == nil }
    }

    /// Parses `data` with namespace processing (libxml2, SAX2); the declared encoding
    /// (UTF-8, ISO-8859-1, windows-1252, UTF-16, …) is honoured, and stray non-UTF-8 bytes in a
    /// UTF-8 document are read as Windows-1252 (`repairedEncoding`). Nothing outside the
    /// document is ever read: no DTD is loaded, an external entity stays in the text as written
    /// (`&name;`), internal entities expand in text within libxml2's amplification limits and a
    /// bound of our own (in attribute values only predefined and character references do).
    static func parse(_ data: Data) -> Parsed {
        let repaired = XMLEncodingRepair.repaired(data)
        var parsed = XMLTreeBuilder.parse(repaired ?? data)
        parsed.repairedEncoding = repaired != nil
        return parsed
    }
}
