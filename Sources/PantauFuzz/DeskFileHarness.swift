import PantauConfig

/// `desk`: a desk file (units roster, users and roles, dispositions, response targets) through
/// `DeskConfig.parse`, which checks every field and reports problems at their positions.
enum DeskFileHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let desk = try DeskConfig.parse(text, file: "fuzz.yaml")
            for user in desk.users { _ = desk.role(of: user.name) }
            _ = desk.targets.targets(severity: 5)
        } catch {
            _ = "\(error)"
        }
    }
}
