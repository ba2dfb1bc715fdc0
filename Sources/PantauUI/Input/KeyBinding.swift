/// One row of the key table: the keys, what they do, where, and the words the help overlay and
/// the footer show.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the keys are written in help and footer, e.g. `↑/k`.
    public var label: String
    public var action: Action
    public var context: KeyContext
    public var description: String
    /// Whether the footer shows it (the help overlay shows every binding).
    public var inFooter: Bool

    public init(_ keys: [Key], _ label: String, _ action: Action, _ context: KeyContext, _ description: String,
                footer: Bool = true) {
        self.keys = keys
        self.label = label
        self.action = action
        self.context = context
        self.description = description
        inFooter = footer
    }
}
