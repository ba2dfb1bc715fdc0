/// One choice of a ``Picker``: what it stands for, what it shows, the section it sits in, and,
/// for a choice shown but not to be taken (a busy unit), why not.
public struct PickerItem: Equatable, Sendable {
    /// What choosing it gives (a unit id, a disposition code, an incident id).
    public var value: String
    /// The words shown, left.
    public var label: String
    /// More words, dimmed, after the label (state, distance).
    public var detail: String
    /// The section heading it is listed under, if the picker has sections.
    public var section: String?
    /// Why it may not be chosen; nil when it may.
    public var refusal: String?

    public init(value: String, label: String, detail: String = "", section: String? = nil, refusal: String? = nil) {
        self.value = value
        self.label = label
        self.detail = detail
        self.section = section
        self.refusal = refusal
    }
}
