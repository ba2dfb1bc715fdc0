/// Masks citizens' personal data (callers' and reporters' names, phone numbers, home
/// addresses) for everyone who may not see it: operators and viewers on screen, and every
/// snapshot, recording, log and report unless an explicit option says otherwise.
public enum PersonalData {
    /// Honorifics kept in front of a masked name (`Bu S***`), compared ignoring case and a final dot.
    static let honorifics: Set<String> = ["bu", "ibu", "pak", "bapak", "sdr", "sdri"]

    /// `Bu Siti Aminah` → `Bu S***`, `Budi Santoso` → `B***`: honorifics kept, then the first
    /// letter of the name. Empty for an empty name.
    public static func maskName(_ name: String) -> String {
        var kept: [Substring] = []
        for word in name.split(whereSeparator: \.isWhitespace) {
            var key = word.lowercased()
            if key.hasSuffix(".") { key.removeLast() }
            if honorifics.contains(key) {
                kept.append(word)
                continue
            }
            return (kept.map(String.init) + ["\(word.first!)***"]).joined(separator: " ")
        }
        return kept.isEmpty ? "" : kept.joined(separator: " ") + " ***"
    }

    /// `081234567789` or `+62 812-3456-7789` → `0812-****-789`: the operator's prefix and the
    /// last three digits. A number too short to keep any of it is `***`.
    public static func maskPhone(_ phone: String) -> String {
        var digits = phone.unicodeScalars.filter { $0.properties.numericType == .decimal && $0.isASCII }.map(Character.init)
        if digits.starts(with: ["6", "2"]) { digits = ["0"] + digits.dropFirst(2) }
        guard digits.count >= 8 else { return "***" }
        return String(digits.prefix(4)) + "-****-" + String(digits.suffix(3))
    }

    /// Keeps the street and the area, masks house numbers and RT/RW (every run of digits, and
    /// a letter stuck to it: `No. 12A` → `No. **`), except a road's kilometre (`Km 7`).
    /// `Jl. Melati No. 12 RT 03/RW 05, Cipondoh` → `Jl. Melati No. ** RT **/RW **, Cipondoh`.
    public static func maskAddress(_ address: String) -> String {
        var out = ""
        var chars = Array(address)[...]
        var previousWord = ""
        var word = ""
        while let c = chars.first {
            if c.isASCII, c.isNumber {
                var run = ""
                while let d = chars.first, d.isASCII, d.isNumber || (d.isLetter && !run.isEmpty && run.last!.isNumber) {
                    run.append(d)
                    chars.removeFirst()
                }
                let lastWord = (word.isEmpty ? previousWord : word).lowercased()
                out += lastWord == "km" || lastWord == "km." ? run : "**"
                word = ""
                continue
            }
            if c.isWhitespace {
                if !word.isEmpty { previousWord = word }
                word = ""
            } else if c.isLetter || c == "." {
                word.append(c)
            } else {
                word = ""
                previousWord = ""
            }
            out.append(c)
            chars.removeFirst()
        }
        return out
    }
}

extension FeedEvent {
    /// The event as it may be written where personal data must not go (snapshots, recordings,
    /// logs, reports): an action's caller name and phone masked, its address with house numbers
    /// and RT/RW masked. Other events are returned as they are.
    public var maskingPersonalData: FeedEvent {
        guard case .action(var a) = payload else { return self }
        a.fields.callerName = a.fields.callerName.map(PersonalData.maskName)
        a.fields.callerPhone = a.fields.callerPhone.map(PersonalData.maskPhone)
        a.fields.address = a.fields.address.map(PersonalData.maskAddress)
        var copy = self
        copy.payload = .action(a)
        return copy
    }
}
