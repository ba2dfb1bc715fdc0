/// One step of an incident's response the report measures, each from when it was reported:
/// reported → acknowledged → dispatched → on scene → resolved.
public enum ReportStep: String, CaseIterable, Sendable {
    case acknowledge, dispatch
    case onScene = "on_scene"
    case resolve

    /// The column heading: `to acknowledge`, `to on scene` …
    public var heading: String {
        switch self {
        case .acknowledge: return "to acknowledge"
        case .dispatch: return "to dispatch"
        case .onScene: return "to on scene"
        case .resolve: return "to resolve"
        }
    }
}
