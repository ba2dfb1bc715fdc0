import PantauCore
@testable import PantauUI
import XCTest

/// `/` searches the focused table, `o` and `O` sort it, `:find` and `:sort` do the same from
/// the command line, and a layout may set a pane's columns and initial sort.
final class TableSearchSortTests: XCTestCase {
    let state = Fixtures.state()
    let status = DashboardStatus(mode: .replay(speed: 60))

    func layout(_ pane: String, file: String = "desk.yaml") throws -> Layout {
        try LayoutParser.parse("name: desk\nlayout:\n  columns:\n    - " + pane + "\n    - type: sensors\n", file: file)
    }

    func problems(_ pane: String) -> [String] {
        do {
            _ = try layout(pane)
            return []
        } catch let e as LayoutErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// The incident ids in the order the pane shows them.
    func ids(_ spec: PaneSpec, _ view: TableView, in state: CityState? = nil) -> [String] {
        let s = state ?? self.state
        let n = IncidentsPane.rowCount(s, spec, view: view)
        return (0..<n).compactMap { IncidentsPane.incident(at: $0, in: s, spec, view: view).map { IncidentsPane.shortID($0.id) } }
    }

    func type(_ text: String, into d: inout Dashboard) {
        for c in text { _ = d.handle(.char(c), state: state) }
    }

    // MARK: - Matching

    func testFoldingIgnoresCaseAndAccents() {
        XCTAssertEqual(TextFold.fold("Bánjir"), "banjir")
        let q = Array(TextFold.fold("bánjir").utf8)
        XCTAssertTrue(TextFold.contains("BANJIR di Periuk", folded: q))
        XCTAssertTrue(TextFold.contains("Banjír", folded: q), "accented text is folded too")
        XCTAssertFalse(TextFold.contains("BANJ", folded: q))
        XCTAssertTrue(TextFold.contains("anything", folded: []))
        XCTAssertTrue(TextFold.contains("Kali Cisadané", folded: Array("cisadane".utf8)))
    }

    func testShortIDsDropTheDate() {
        XCTAssertEqual(IncidentsPane.shortID("INC-20261123-0117"), "INC-0117")
        XCTAssertEqual(IncidentsPane.shortID("LAKSA-20261123-0042"), "LAKSA-0042")
        for id in ["INC-123", "INC-2026112-0117", "INC-2026x123-0117", "-20261123-0117", "INC-20261123-", "plain"] {
            XCTAssertEqual(IncidentsPane.shortID(id), id)
        }
    }

    func testSearchMatchesOnlyTheVisibleColumns() throws {
        let all = PaneSpec(type: .incidents)
        XCTAssertEqual(ids(all, TableView(search: "PERIUK")), ["INC-0117"], "district and title are searched")
        XCTAssertEqual(ids(all, TableView(search: "kebákaran")), ["INC-0120"])
        let narrow = try layout("{type: incidents, columns: [id, category, age]}").panes[0]
        XCTAssertEqual(ids(narrow, TableView(search: "periuk")), [], "district and title are not shown")
        XCTAssertEqual(ids(narrow, TableView(search: "FLOOD")), ["INC-0117"])
        XCTAssertEqual(ids(narrow, TableView(search: "0090")), ["INC-0090"])
    }

    func testEveryTablePaneSearches() {
        var d = Dashboard(layout: Fixtures.layout()) // traffic, incidents, sensors, tickets
        _ = d.perform(.focusPane(0), state: state)
        _ = d.run("find gatot", state: state)
        XCTAssertEqual(d.rowCount(d.focusedPane!, state, view: d.focusedView), 1)
        _ = d.perform(.focusPane(2), state: state)
        _ = d.run("find ispu", state: state)
        XCTAssertEqual(d.rowCount(d.focusedPane!, state, view: d.focusedView), 2)
        // Tickets: the selected office's queue (Dinas PUPR: two tickets).
        _ = d.perform(.focusPane(3), state: state)
        _ = d.run("find rusak", state: state)
        let text = d.render(state: state, status: status, width: 120, height: 40).text
        XCTAssertTrue(text.contains("Traffic /gatot 1 of 4"), text)
        XCTAssertTrue(text.contains("Sensors /ispu 2 of 5"), text)
        XCTAssertTrue(text.contains("Dinas PUPR queue /rusak 1 of 2"), text)
        XCTAssertFalse(text.contains("LAKSA-0042"), "Drainase tersumbat does not match")
    }

    // MARK: - Sorting

    func testSortByNumberTextAndTimeBothWays() {
        let spec = PaneSpec(type: .incidents)
        let col = { (id: String) in PaneType.incidents.columnIDs.firstIndex(of: id)! }
        XCTAssertEqual(ids(spec, TableView()), ["INC-0120", "INC-0117", "INC-0090", "INC-0130"], "the pane's own order")
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("sev"))), ["INC-0130", "INC-0090", "INC-0117", "INC-0120"])
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("sev"), descending: true)), ["INC-0120", "INC-0117", "INC-0090", "INC-0130"])
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("district"))), ["INC-0090", "INC-0120", "INC-0117", "INC-0130"])
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("district"), descending: true)), ["INC-0130", "INC-0117", "INC-0120", "INC-0090"])
        // Age: youngest first, by the time reported (not by the text "1h30m" < "5m").
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("age"))), ["INC-0130", "INC-0120", "INC-0117", "INC-0090"])
        XCTAssertEqual(ids(spec, TableView(sortColumn: col("age"), descending: true)), ["INC-0090", "INC-0117", "INC-0120", "INC-0130"])
        XCTAssertEqual(ids(spec, TableView(descending: true)), ["INC-0130", "INC-0090", "INC-0117", "INC-0120"], "O alone reverses the pane's own order")
    }

    func testRowsWithoutAValueSortLastEitherWayAndTiesKeepThePanesOrder() {
        var s = state
        var u = IncidentUpdate(id: "INC-20261123-0140")
        u.category = .flood
        u.severity = 4
        u.title = "Tanpa lokasi"
        s.apply(FeedEvent(time: Fixtures.at(21), payload: .incident(u)))
        let spec = PaneSpec(type: .incidents)
        let district = PaneType.incidents.columnIDs.firstIndex(of: "district")!
        XCTAssertEqual(ids(spec, TableView(sortColumn: district), in: s).last, "INC-0140")
        XCTAssertEqual(ids(spec, TableView(sortColumn: district, descending: true), in: s).last, "INC-0140")
        let category = PaneType.incidents.columnIDs.firstIndex(of: "category")!
        // Two floods: the pane's own order (older first at equal severity) breaks the tie.
        XCTAssertEqual(Array(ids(spec, TableView(sortColumn: category), in: s).prefix(4)),
                       ["INC-0090", "INC-0120", "INC-0117", "INC-0140"])
    }

    func testTrafficSortsNumbersAsNumbers() {
        let spec = PaneSpec(type: .traffic)
        let speed = PaneType.traffic.columnIDs.firstIndex(of: "speed")!
        let model = TableModel(fields: TrafficPane.fields, spec: spec, view: TableView(sortColumn: speed))
        let roads = model.arrange(Array(state.segments.values), context: PaneContext(state: state)).map(\.road)
        XCTAssertEqual(roads, ["Jl. Daan Mogot", "Jl. Gatot Subroto", "Jl. Raya Serang", "Jl. M.H. Thamrin"])
    }

    // MARK: - Keys

    func testOCyclesTheVisibleColumnsThenTheOwnOrderAndOReverses() throws {
        var d = Dashboard(layout: try layout("{type: incidents, columns: [district, sev, age]}"))
        let ids = PaneType.incidents.columnIDs
        var seen: [String?] = []
        for _ in 0..<4 {
            _ = d.handle(.char("o"), state: state)
            seen.append(d.focusedView.sortColumn.map { ids[$0] })
        }
        XCTAssertEqual(seen, ["district", "sev", "age", nil])
        _ = d.handle(.char("o"), state: state)
        var grid = d.render(state: state, status: status, width: 120, height: 30)
        XCTAssertTrue(grid.row(2).contains("District ▲"), grid.row(2))
        _ = d.handle(.char("O"), state: state)
        XCTAssertTrue(d.focusedView.descending)
        grid = d.render(state: state, status: status, width: 120, height: 30)
        XCTAssertTrue(grid.row(2).contains("District ▼"), grid.row(2))
        XCTAssertTrue(grid.row(3).contains("Tangerang"), "Tangerang first, descending")
        d.theme.ascii = true
        grid = d.render(state: state, status: status, width: 120, height: 30)
        XCTAssertTrue(grid.row(2).contains("District v"), grid.row(2))
    }

    func testSlashFiltersAsYouTypeEnterKeepsEscClears() {
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertEqual(d.focusedPane?.type, .incidents)
        _ = d.handle(.char("/"), state: state)
        XCTAssertTrue(d.searching)
        type("jatiuwungx", into: &d)
        _ = d.handle(.backspace, state: state)
        XCTAssertEqual(d.focusedView.search, "jatiuwung")
        var grid = d.render(state: state, status: status, width: 120, height: 40)
        XCTAssertTrue(grid.text.contains("Incidents /jatiuwung 1 of 4"), grid.text)
        XCTAssertTrue(grid.row(39).hasPrefix("/jatiuwung"), grid.row(39))
        XCTAssertFalse(grid.text.contains("INC-0117"))
        XCTAssertTrue(grid.text.contains("INC-0120"))
        XCTAssertNil(d.handle(.char("q"), state: state), "q is text while searching")
        _ = d.handle(.backspace, state: state)
        _ = d.handle(.enter, state: state)
        XCTAssertFalse(d.searching)
        XCTAssertEqual(d.focusedView.search, "jatiuwung", "Enter keeps the filter")
        grid = d.render(state: state, status: status, width: 120, height: 40)
        XCTAssertTrue(grid.row(39).contains("help"), "normal keys again")
        _ = d.handle(.enter, state: state)
        guard case .incidentDetail(let id) = d.screen else { return XCTFail("Enter opens the matching incident") }
        XCTAssertEqual(id, "INC-20261123-0120")
        _ = d.handle(.escape, state: state)
        _ = d.handle(.char("/"), state: state)
        _ = d.handle(.escape, state: state)
        XCTAssertEqual(d.focusedView.search, "", "Esc clears")
        XCTAssertTrue(d.render(state: state, status: status, width: 120, height: 40).text.contains("Incidents (4 open)"))
    }

    func testSelectionIsClampedAsTheRowsChange() {
        var d = Dashboard(layout: Fixtures.layout())
        for _ in 0..<3 { _ = d.handle(.down, state: state) }
        XCTAssertEqual(d.selections[d.focus], 3)
        _ = d.handle(.char("/"), state: state)
        type("ng", into: &d) // Genangan, Jatiuwung, Tangerang
        XCTAssertEqual(d.selections[d.focus], 2)
        type("x", into: &d)
        XCTAssertEqual(d.selections[d.focus], 0, "no rows: the selection rests on the first")
        _ = d.handle(.escape, state: state)
        for _ in 0..<9 { _ = d.handle(.down, state: state) }
        XCTAssertEqual(d.selections[d.focus], 3, "all four rows again")
    }

    func testFindAndSortFromTheCommandLine() {
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertEqual(d.run("find cipondoh", state: state), .message("Incidents: /cipondoh, 1 rows"))
        XCTAssertEqual(d.focusedView.search, "cipondoh")
        _ = d.run("find", state: state)
        XCTAssertEqual(d.focusedView.search, "")
        XCTAssertEqual(d.run("sort Sev desc", state: state), .message("Incidents: sorted by sev ▼"))
        XCTAssertEqual(d.focusedView, TableView(sortColumn: PaneType.incidents.columnIDs.firstIndex(of: "sev"), descending: true))
        XCTAssertEqual(d.run("sort distrct", state: state), .message("Incidents has no sortable column 'distrct'; did you mean 'district'?"))
        _ = d.run("sort default", state: state)
        XCTAssertEqual(d.focusedView, TableView())
        XCTAssertTrue(d.vocabulary(state).columns.contains("age"))
        var p = CommandPrompt(text: "sort di")
        p.complete(d.vocabulary(state))
        XCTAssertEqual(p.text, "sort district ")
    }

    func testViewsSurviveALayoutReloadWithTheSamePanes() throws {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.run("find periuk", state: state)
        _ = d.handle(.char("o"), state: state)
        let before = d.focusedView
        d.replaceLayout(Fixtures.layout())
        XCTAssertEqual(d.focusedView, before)
        d.replaceLayout(try layout("{type: incidents, sort: {column: age, order: desc}}"))
        XCTAssertEqual(d.focusedView, TableView(sortColumn: PaneType.incidents.columnIDs.firstIndex(of: "age"), descending: true),
                       "other panes: the layout's own start")
    }

    func testALayoutMayRebindSearchAndSort() throws {
        let yaml = "name: desk\nkeys:\n  search: F\n  sort_next: S\n  sort_reverse: R\nlayout:\n  columns:\n    - type: incidents\n"
        var d = Dashboard(layout: try LayoutParser.parse(yaml, file: "desk.yaml"))
        _ = d.handle(.char("/"), state: state)
        XCTAssertFalse(d.searching)
        _ = d.handle(.char("S"), state: state)
        _ = d.handle(.char("R"), state: state)
        XCTAssertEqual(d.focusedView, TableView(sortColumn: PaneType.incidents.columnIDs.firstIndex(of: "id"), descending: true))
        _ = d.handle(.char("F"), state: state)
        XCTAssertTrue(d.searching)
    }

    // MARK: - Layout options

    func testLayoutSortAndColumns() throws {
        var spec = try layout("{type: incidents, sort: district, columns: [id, district, age]}").panes[0]
        XCTAssertEqual(spec.sort, PaneSort(column: "district"))
        XCTAssertEqual(spec.columns, ["id", "district", "age"])
        spec = try layout("type: traffic\n      sort: {column: delay, order: desc}").panes[0]
        XCTAssertEqual(spec.sort, PaneSort(column: "delay", descending: true))
        let d = Dashboard(layout: try layout("{type: incidents, sort: {column: age, order: desc}, columns: [id, age, title]}"))
        let grid = d.render(state: state, status: status, width: 120, height: 30)
        XCTAssertTrue(grid.row(2).contains("ID") && grid.row(2).contains("Age ▼") && grid.row(2).contains("Title"), grid.row(2))
        XCTAssertFalse(grid.row(2).contains("District"))
        XCTAssertTrue(grid.row(3).contains("INC-0090"), "oldest first")
    }

    func testLayoutSortAndColumnMistakesAreReportedWithTheirPosition() {
        XCTAssertEqual(problems("{type: incidents, columns: [id, catgory]}"),
                       ["desk.yaml:4:39: unknown incidents column `catgory`; did you mean `category`?"])
        XCTAssertEqual(problems("{type: incidents, sort: distrik}"),
                       ["desk.yaml:4:31: cannot sort incidents by `distrik`; did you mean `district`?"])
        XCTAssertEqual(problems("{type: incidents, sort: {column: age, order: sideways}}"),
                       ["desk.yaml:4:52: `order` is `asc` or `desc`, not `sideways`"])
        XCTAssertEqual(problems("{type: incidents, sort: age, columns: [id, sev]}"),
                       ["desk.yaml:4:31: `sort` column `age` is not among the pane's `columns`"])
        XCTAssertEqual(problems("{type: map, sort: age}"),
                       ["desk.yaml:4:25: `sort` applies to table panes only (incidents, traffic, sensors, tickets, sources, log)"])
        XCTAssertEqual(problems("{type: incidents, sort: {colum: age}}"),
                       ["desk.yaml:4:32: unknown key `colum`; did you mean `column`?",
                        "desk.yaml:4:31: `sort` needs a `column` (and optionally `order: asc` or `order: desc`)"])
        XCTAssertEqual(problems("{type: incidents, colums: [id]}"),
                       ["desk.yaml:4:25: unknown key `colums`; did you mean `columns`?"])
    }

    // MARK: - Snapshot

    func testIncidentsPaneWithASearchAndASort() {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.handle(.char("o"), state: state)
        _ = d.handle(.char("o"), state: state) // sev, ascending
        _ = d.handle(.char("/"), state: state)
        type("ng", into: &d)
        let grid = d.render(state: state, status: status, width: 120, height: 40)
        assertSnapshot(grid.text, named: "incidents-search-sort-120x40")
        XCTAssertTrue(grid.text.contains("Incidents /ng 3 of 4"))
        XCTAssertTrue(grid.text.contains("Sev ▲"))
    }
}

/// Esc outside the search line drops a search that Enter kept.
final class KeptSearchTests: XCTestCase {
    func testEscClearsAKeptSearch() {
        let state = Fixtures.state()
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertEqual(d.focusedPane?.type, .incidents)
        _ = d.handle(.char("/"), state: state)
        for c in "periuk" { _ = d.handle(.char(c), state: state) }
        _ = d.handle(.enter, state: state)
        XCTAssertEqual(d.focusedView.search, "periuk", "Enter keeps the search")
        XCTAssertNil(d.handle(.escape, state: state))
        XCTAssertEqual(d.focusedView.search, "", "Esc drops it")
        // On a pane that is not a table, Esc says nothing.
        var wall = Dashboard(layout: try! ShippedLayouts.named("wallboard")!)
        _ = wall.perform(.focusPane(0), state: state)
        XCTAssertNil(wall.handle(.escape, state: state))
    }
}
