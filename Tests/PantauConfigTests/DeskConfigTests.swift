import PantauConfig
import PantauCore
import XCTest

final class DeskConfigTests: XCTestCase {
    private func parse(_ yaml: String) throws -> DeskConfig {
        try DeskConfig.parse(yaml, file: "desk.yaml")
    }

    /// The problems of `yaml`, as `line:column: message`.
    private func problems(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try parse(yaml)
            XCTFail("expected problems", file: file, line: line)
            return []
        } catch let e as DeskConfigError {
            XCTAssertTrue(e.problems.allSatisfy { $0.file == "desk.yaml" }, file: file, line: line)
            return e.problems.map { "\($0.line):\($0.column): \($0.message)" }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return []
        }
    }

    /// Where `token` first occurs in `text` at or after line `fromLine`: `line:column`.
    private func position(of token: String, in text: String, fromLine: Int = 1) -> String {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i + 1 >= fromLine {
            if let r = line.range(of: token) {
                return "\(i + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)"
            }
        }
        XCTFail("`\(token)` not in the text")
        return "?"
    }

    func testAFileWithEverySectionReadsAsWritten() throws {
        let desk = try parse("""
        units:
          - id: B-1
            name: Perahu Satu
            agency: BPBD
            kind: boat
            station: Posko Periuk
            lat: -6.164
            lon: 106.59
          - {id: D.2, name: Damkar Dua, agency: Damkar, kind: fire_engine}
        users:
          ani: {role: supervisor, name: Ani Suryani}
          budi: operator
          layar: viewer
        dispositions:
          handled: Ditangani
          duplicate: Duplikat
        targets:
          5: {acknowledge: 30s, on_scene: none}
          2: {dispatch: 1h30m}
        """)
        XCTAssertEqual(desk.units, [
            UnitDefinition(id: "B-1", name: "Perahu Satu", agency: "BPBD", kind: "boat", station: "Posko Periuk",
                           location: GeoPoint(lat: -6.164, lon: 106.59)),
            UnitDefinition(id: "D.2", name: "Damkar Dua", agency: "Damkar", kind: "fire_engine"),
        ])
        XCTAssertEqual(desk.users, [
            DeskConfig.User(name: "ani", role: .supervisor, displayName: "Ani Suryani"),
            DeskConfig.User(name: "budi", role: .operator),
            DeskConfig.User(name: "layar", role: .viewer),
        ])
        XCTAssertEqual(desk.dispositions.map(\.code), ["handled", "duplicate"])
        XCTAssertEqual(desk.disposition(code: "handled")?.label, "Ditangani")
        // The steps named change; the others keep the shipped targets.
        XCTAssertEqual(desk.targets.targets(severity: 5), .init(acknowledge: 30, dispatch: 180, onScene: nil))
        XCTAssertEqual(desk.targets.targets(severity: 2), .init(acknowledge: 15 * 60, dispatch: 90 * 60, onScene: 120 * 60))
        XCTAssertEqual(desk.targets.targets(severity: 4), ResponseTargets.standard.targets(severity: 4))
        XCTAssertEqual(desk.unit(id: "D.2")?.agency, "Damkar")
        XCTAssertNil(desk.unit(id: "B-2"))
    }

    func testTheRoleOfAUserIsTheRostersAndAStrangerIsAViewer() throws {
        let desk = try parse("users: {ani: supervisor, budi: {role: operator}, layar: viewer}")
        XCTAssertEqual(desk.role(of: "ani"), .supervisor)
        XCTAssertEqual(desk.role(of: "budi"), .operator)
        XCTAssertEqual(desk.role(of: "layar"), .viewer)
        XCTAssertEqual(desk.role(of: "mallory"), .viewer)
        XCTAssertEqual(desk.role(of: "Ani"), .viewer, "login names are case-sensitive, like $USER")
        XCTAssertEqual(desk.role(of: ""), .viewer)
    }

    func testSectionsLeftOutAreTheShippedOnes() throws {
        let shipped = DeskConfig.shipped
        XCTAssertEqual(try parse(""), shipped, "an empty file is the shipped desk")
        XCTAssertEqual(try parse("# only a comment\n"), shipped)
        let usersOnly = try parse("users:\n  rina: supervisor\n")
        XCTAssertEqual(usersOnly.units, shipped.units)
        XCTAssertEqual(usersOnly.dispositions, shipped.dispositions)
        XCTAssertEqual(usersOnly.targets, shipped.targets)
        XCTAssertEqual(usersOnly.users, [DeskConfig.User(name: "rina", role: .supervisor)])
        XCTAssertEqual(usersOnly.role(of: "ani"), .viewer, "a given users section replaces the shipped one")
        let unitsOnly = try parse("units: [{id: U1, name: Satu, agency: BPBD, kind: trc}]")
        XCTAssertEqual(unitsOnly.units.map(\.id), ["U1"])
        XCTAssertEqual(unitsOnly.users, shipped.users)
    }

    func testEveryProblemIsReportedAtItsPlaceAllAtOnce() {
        let yaml = """
        unitz: []
        units:
          - id: DMK-01
            name: A
            agency: Damkar
            kind: fire_engine
            lat: -96.5
            lon: 106.6
            statoin: X
          - id: DMK-01
            name: B
            agency: Damkar
            kind: rescue
          - id: X 1
            name: C
            agency: BPBD
          - lat: -6.2
            id: Y
            name: D
            agency: BPBD
            kind: boat
          - id: Z
            name: E
            agency: BPBD
            kind: boat
            lat: selatan
            lon: 206.6
        users:
          ani: superviser
          budi: {role: operator, nmae: Budi}
          wall: {name: Layar}
          two words: viewer
        dispositions:
          handled: Handled
          "false alarm": False alarm
        targets:
          6: {acknowledge: 1m}
          5: {acknowledge: 1 minute, dispatch: 0s, on_scene: 200h}
          4: {onscene: 5m}
          3: 5m
        """
        let at = { (token: String, line: Int) in self.position(of: token, in: yaml, fromLine: line) }
        XCTAssertEqual(problems(yaml), [
            "\(at("unitz", 1)): unknown key `unitz` in the desk file; did you mean `units`?",
            "\(at("-96.5", 1)): `lat` must be a latitude from -90 to 90, not `-96.5`",
            "\(at("statoin", 1)): unknown key `statoin` in a unit; did you mean `station`?",
            "\(at("DMK-01", 10)): a unit with id `DMK-01` is already defined at line 3; ids must be unique",
            "\(at("id: X 1", 14)): a unit needs `kind` (unit `X 1`)",
            "\(at("X 1", 14)): unit id `X 1` must be letters, digits, `-`, `_` or `.` only, e.g. DMK-01",
            "\(at("-6.2", 17)): a unit with `lat` needs `lon` too",
            "\(at("selatan", 22)): `lat` must be a latitude in decimal degrees, not `selatan`",
            "\(at("206.6", 22)): `lon` must be a longitude from -180 to 180, not `206.6`",
            "\(at("superviser", 28)): unknown role `superviser`; did you mean `supervisor`? expected one of viewer, operator, supervisor (or a mapping with `role` and `name`)",
            "\(at("nmae", 28)): unknown key `nmae` in user `budi`; did you mean `name`?",
            "\(at("{name: Layar}", 28)): user `wall` needs `role`: one of viewer, operator, supervisor",
            "\(at("two words", 28)): user name `two words` must not contain spaces (it is a login name; give the full name as `name:`)",
            "\(at("handled", 33)): `dispositions` must have `duplicate`: merging an incident into another closes it with that code",
            "\(at("\"false alarm\"", 33)): disposition code `false alarm` must be letters, digits, `-`, `_` or `.` only, e.g. false_alarm",
            "\(at("6:", 36)): a severity must be a whole number from 1 to 5, not `6`",
            "\(at("1 minute", 36)): `acknowledge` must be a duration such as 500ms, 6s, 5m or 1h, or none, not `1 minute`",
            "\(at("0s", 36)): `dispatch` must be from 1s to 168h, not `0s`",
            "\(at("200h", 36)): `on_scene` must be from 1s to 168h, not `200h`",
            "\(at("onscene", 36)): unknown key `onscene` in the targets of severity 4; did you mean `on_scene`?",
            "\(at("5m", 40)): the targets of severity 3 must be a mapping with any of acknowledge, dispatch, on_scene",
        ])
    }

    func testSectionsOfTheWrongShapeAreRefused() {
        XCTAssertEqual(problems("- units"), ["1:1: expected a mapping with any of `units:`, `users:`, `dispositions:`, `targets:`"])
        XCTAssertEqual(problems("units: []"), ["1:8: `units` must be a non-empty list of units, each with `id`, `name`, `agency` and `kind` (leave it out for the shipped roster)"])
        XCTAssertEqual(problems("units:\n  - DMK-01"), ["2:5: each unit must be a mapping with `id`, `name`, `agency` and `kind`"])
        XCTAssertEqual(problems("users: [ani]"), ["1:8: `users` must be a mapping of user names to roles, e.g. `ani: supervisor`"])
        XCTAssertEqual(problems("dispositions: handled"), ["1:15: `dispositions` must be a mapping of codes to labels, e.g. `handled: Handled on scene`"])
        XCTAssertEqual(problems("targets: 1m"), ["1:10: `targets` must be a mapping of severities (1 to 5) to targets, e.g. `5: {acknowledge: 1m, dispatch: 3m, on_scene: 15m}`"])
        XCTAssertEqual(problems("units:\n  - {id: A, name: \"\", agency: [BPBD], kind: boat}"),
                       ["2:19: `name` must be a non-empty text", "2:31: `agency` must be a non-empty text"])
        XCTAssertEqual(problems("units:\n  - {id: A, name: N, agency: BPBD, kind: boat, lat: 0, lon: 0}"),
                       ["2:53: `lat` and `lon` 0, 0 is no station's place (a missing position?)"])
    }

    func testALaterStepsTargetMayNotBeSoonerThanAnEarlierOnes() throws {
        XCTAssertEqual(problems("targets:\n  5: {acknowledge: 2m, dispatch: 90s}"),
                       ["2:34: severity 5: `dispatch` 90s is sooner than `acknowledge` 2m, a step before it; a later step's target must not be sooner"])
        // Against the shipped targets of the steps not given (severity 4: acknowledge 2m, dispatch 5m).
        XCTAssertEqual(problems("targets:\n  4: {on_scene: 4m}"),
                       ["2:17: severity 4: `on_scene` 4m is sooner than `dispatch` 5m, a step before it; a later step's target must not be sooner"])
        XCTAssertEqual(problems("targets:\n  3: {dispatch: 1m}"),
                       ["2:17: severity 3: `dispatch` 1m is sooner than `acknowledge` 5m, a step before it; a later step's target must not be sooner"])
        // Equal targets, and a step with none between two others, are fine.
        let desk = try parse("targets:\n  5: {acknowledge: 1m, dispatch: none, on_scene: 1m}")
        XCTAssertEqual(desk.targets.targets(severity: 5), .init(acknowledge: 60, dispatch: nil, onScene: 60))
    }

    func testYAMLSyntaxErrorsAndUnreadableFilesSayWhere() throws {
        XCTAssertEqual(problems("users:\n  ani: supervisor\n\tbudi: operator\n"), ["3:1: YAML: a tab in the indentation; indent with spaces"])
        XCTAssertEqual(problems("users: {ani: supervisor, ani: viewer}").count, 1)
        XCTAssertTrue(problems("users: {ani: supervisor, ani: viewer}")[0].contains("`ani` given twice"))
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-desk-\(getpid()).yaml").path
        XCTAssertThrowsError(try DeskConfig.load(path: missing)) { error in
            XCTAssertEqual((error as? DeskConfigError)?.description, "\(missing):1:1: cannot read the file: no such file")
        }
    }

    func testLoadReadsAFileAndNamesItInProblems() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(getpid()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "users:\n  ani: supervisor\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try DeskConfig.load(path: path).role(of: "ani"), .supervisor)
        try "users:\n  ani: boss\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DeskConfig.load(path: path)) { error in
            XCTAssertEqual((error as? DeskConfigError)?.problems.map(\.description),
                           ["\(path):2:8: unknown role `boss`; expected one of viewer, operator, supervisor (or a mapping with `role` and `name`)"])
        }
    }
}
