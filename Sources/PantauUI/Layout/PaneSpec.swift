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
    /// A table pane's initial sort (`sort: district`, `sort: {column: age, order: desc}`);
    /// nil: the pane's own order.
    public var sort: PaneSort?
    /// A table pane's visible columns by id, in order (`columns: [id, category, age]`);
    /// nil: all of them.
    public var columns: [String]?
    /// Where the pane is declared in its layout file (1-based), for messages such as a terminal
    /// too small for it; nil for a pane built in code.
    public var line: Int?
    public var column: Int?

    public init(type: PaneType, title: String? = nil, weight: Int = 1, minWidth: Int? = nil, minHeight: Int? = nil) {
        self.type = type
        self.title = title ?? type.defaultTitle
        self.weight = max(1, weight)
        self.minWidth = minWidth ?? type.minimumSize.width
        self.minHeight = minHeight ?? type.minimumSize.height
    }
}

/// A layout's initial sort for a table pane: a column id and a direction.
public struct PaneSort: Sendable, Equatable {
    /// The column's id (`age`, `district`, …).
    public var column: String
    /// `order: desc`.
    public var descending: Bool

    /// A sort by `column`, ascending unless `descending`.
    public init(column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}
