import PantauCore
import PantauUI

/// `layout`: a layout file through `LayoutParser` as `layouts check` and `--layout FILE` read
/// it; a layout that parses is then measured, checked against a fuzzed terminal size, and drawn
/// there over an empty city.
enum LayoutHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 2 else { return }
        // The first two bytes are the terminal size; the loaders read only valid UTF-8.
        let width = 1 + Int(bytes[0]) % 400, height = 1 + Int(bytes[1]) % 150
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[2...]), as: UTF8.self) else { return }
        let layout: Layout
        do {
            layout = try LayoutParser.parse(text, file: "fuzz.yaml")
        } catch {
            _ = "\(error)"
            return
        }
        _ = layout.minimumSize
        _ = layout.fitProblems(width: width, height: height)
        let dashboard = Dashboard(layout: layout)
        _ = dashboard.render(state: CityState(), status: DashboardStatus(mode: .snapshot), width: width, height: height)
    }
}
