/// One field of a ``Form``: free text through a ``LineEditor``, or one of a list through a
/// ``Picker``.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text(LineEditor)
        /// The options and the index of the chosen one.
        case choice([PickerItem], chosen: Int?)
    }

    /// The name its value is returned under.
    public var name: String
    /// What the form shows beside it.
    public var label: String
    /// Whether the form may not be submitted with it empty.
    public var required: Bool
    public var kind: Kind

    public init(name: String, label: String, required: Bool = false, kind: Kind) {
        self.name = name
        self.label = label
        self.required = required
        self.kind = kind
    }

    /// A text field.
    public static func text(_ name: String, _ label: String, required: Bool = false, maxLength: Int = 200) -> FormField {
        FormField(name: name, label: label, required: required, kind: .text(LineEditor(maxLength: maxLength)))
    }

    /// A choice field, with `chosen` (an option's value) chosen at first.
    public static func choice(_ name: String, _ label: String, options: [PickerItem], chosen: String? = nil,
                              required: Bool = false) -> FormField {
        FormField(name: name, label: label, required: required,
                  kind: .choice(options, chosen: chosen.flatMap { c in options.firstIndex { $0.value == c } }))
    }

    /// The value: the text (trimmed), or the chosen option's value; empty when none.
    public var value: String {
        switch kind {
        case .text(let editor): return editor.text.trimmingSpaces
        case .choice(let options, let chosen): return chosen.map { options[$0].value } ?? ""
        }
    }

    /// What the form shows as its value.
    var shown: String {
        switch kind {
        case .text(let editor): return editor.text
        case .choice(let options, let chosen): return chosen.map { options[$0].label } ?? ""
        }
    }
}
