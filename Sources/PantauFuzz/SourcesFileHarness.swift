import PantauFeeds

/// `sources`: a sources file through `SourcesFile.parse`, which checks it and makes (does not
/// start) its sources.
enum SourcesFileHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let sources = try SourcesFile.parse(text, file: "fuzz.yaml")
            for source in sources { _ = source.name }
        } catch {
            _ = "\(error)"
        }
    }
}
