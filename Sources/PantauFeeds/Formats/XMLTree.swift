import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
        /// Whether the parser read the whole document without an error.
        var wellFormed: Bool
    }

    /// Parses `data` with namespace processing; the declared encoding (UTF-8, ISO-8859-1, …)
    /// is honoured. External entities are never resolved.
    static func parse(_ data: Data) -> Parsed {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        return Parsed(root: builder.root, wellFormed: ok && builder.root != nil && builder.stack.isEmpty)
    }
}

/// The XMLParser delegate that builds an `XMLTree`.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var root: XMLTree?
    private(set) var stack: [XMLTree] = []
    /// Limits on hostile documents: depth and element count.
    private static let maxDepth = 64
    private static let maxElements = 200_000
    private var elements = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements += 1
        guard stack.count < Self.maxDepth, elements <= Self.maxElements else {
            parser.abortParsing()
            return
        }
        let node = XMLTree(name: elementName, namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 },
                           attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        stack.popLast()?.closed = true
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
