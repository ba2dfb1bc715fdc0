import PantauCore

/// One pane placed by a layout.
public struct PaneSpec: Sendable {
    public var type: PaneType
    public var title: String
    public var weight: Int
    public var minWidth: Int
    public var minHeight: Int
    /// What the pane shows, narrowed (empty: everything).
    public var filter = PaneFilter()
    /// Gauge thresholds that override the defaults for this pane, by station id.
    public var thresholds: [String: GaugeThresholds] = [:]
    /// A map pane's base layers (boundaries, rivers, roads), read once when the layout is loaded;
    /// empty: the map draws regions around the kecamatan centres.
    public var mapLayers: [GeoJSONLayer] = []

    public init(type: PaneType, title: String? = nil, weight: Int = 1, minWidth: Int? = nil, minHeight: Int? = nil) {
        self.type = type
        self.title = title ?? type.defaultTitle
        self.weight = max(1, weight)
        self.minWidth = minWidth ?? type.minimumSize.width
        self.minHeight = minHeight ?? type.minimumSize.height
    }
}
