import Foundation
import PantauConfig
import PantauCore
import XCTest

/// The shipped desk (`pantau desk example`): valid, complete, and inside Kota Tangerang.
final class ShippedDeskTests: XCTestCase {
    /// The agencies incidents name in the bundled recording (tangerang-day.ndjson.gz) that
    /// send units: every one has units, and no unit names another.
    static let respondingAgencies: Set = ["Damkar", "BPBD", "Dinkes", "Satpol PP", "Dinas Perhubungan", "Dinas PUPR"]

    func testTheShippedTextHasNoProblemAndIsTheDefault() throws {
        let parsed = try DeskConfig.parse(DeskConfig.shippedYAML, file: "desk.yaml")
        XCTAssertEqual(parsed, DeskConfig.shipped)
    }

    func testTheShippedRosterCoversTheRespondingAgencies() {
        let units = DeskConfig.shipped.units
        XCTAssertTrue((30...40).contains(units.count), "\(units.count) units")
        XCTAssertEqual(Set(units.map(\.id)).count, units.count, "unique ids")
        XCTAssertEqual(Set(units.map(\.agency)), Self.respondingAgencies)
        for agency in Self.respondingAgencies {
            XCTAssertGreaterThanOrEqual(units.filter { $0.agency == agency }.count, 3, agency)
        }
        XCTAssertTrue(units.allSatisfy { $0.station != nil && $0.location != nil }, "every unit has a station and its place")
        XCTAssertTrue(Set(units.map(\.kind)).isSuperset(of: ["fire_engine", "rescue", "boat", "trc", "ambulance", "patrol", "tow", "pump"]))
    }

    func testTheShippedUsersDispositionsAndTargets() {
        let desk = DeskConfig.shipped
        XCTAssertEqual(desk.users.filter { $0.role == .supervisor }.map(\.name), ["ani"])
        XCTAssertEqual(desk.users.filter { $0.role == .operator }.map(\.name), ["budi", "sari"])
        XCTAssertEqual(desk.users.filter { $0.role == .viewer }.map(\.name), ["wall"])
        XCTAssertEqual(desk.user(named: "ani")?.displayName, "Ani Suryani")
        XCTAssertEqual(desk.dispositions.map(\.code),
                       ["handled", "false_alarm", "duplicate", "referred", "cancelled", "no_action", "test"])
        XCTAssertNotNil(desk.disposition(code: DeskConfig.duplicateDisposition))
        XCTAssertEqual(desk.targets, ResponseTargets.standard, "the shipped file writes the standard targets")
        XCTAssertEqual(desk.targets.targets(severity: 5), .init(acknowledge: 60, dispatch: 180, onScene: 900))
    }

    /// The BPS city boundary (third-party data, read in place from ../shared/geo).
    static var cityBoundary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/geo/kota_tangerang_city_hdx_bps2020.geojson")
    }

    func testEveryShippedStationLiesInsideKotaTangerang() throws {
        let url = Self.cityBoundary
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared geodata is not shipped with Pantau")
        }
        let polygons = try Self.polygons(in: Data(contentsOf: url))
        XCTAssertFalse(polygons.isEmpty)
        // The check itself: the city's centre is inside, Jakarta's Monas and the sea are not.
        XCTAssertTrue(Self.contains(polygons, GeoPoint(lat: -6.189, lon: 106.641)))
        XCTAssertFalse(Self.contains(polygons, GeoPoint(lat: -6.1754, lon: 106.8272)))
        XCTAssertFalse(Self.contains(polygons, GeoPoint(lat: -6.05, lon: 106.64)))
        for unit in DeskConfig.shipped.units {
            let at = try XCTUnwrap(unit.location, unit.id)
            XCTAssertTrue(Self.contains(polygons, at), "\(unit.id) at \(unit.station ?? "?") (\(at.lat), \(at.lon)) is outside the city")
        }
    }

    /// The polygons (each its rings of [lon, lat]) of a GeoJSON FeatureCollection.
    static func polygons(in data: Data) throws -> [[[[Double]]]] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try XCTUnwrap(json["features"] as? [[String: Any]])
        var out: [[[[Double]]]] = []
        for feature in features {
            let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
            switch geometry["type"] as? String {
            case "Polygon": out.append(try XCTUnwrap(geometry["coordinates"] as? [[[Double]]]))
            case "MultiPolygon": out += try XCTUnwrap(geometry["coordinates"] as? [[[[Double]]]])
            default: XCTFail("unexpected geometry \(geometry["type"] ?? "?")")
            }
        }
        return out
    }

    /// Whether `point` is inside any polygon (even-odd over all its rings, so holes count).
    static func contains(_ polygons: [[[[Double]]]], _ point: GeoPoint) -> Bool {
        polygons.contains { rings in
            var inside = false
            for ring in rings {
                var j = ring.count - 1
                for i in ring.indices {
                    let (xi, yi, xj, yj) = (ring[i][0], ring[i][1], ring[j][0], ring[j][1])
                    if (yi > point.lat) != (yj > point.lat),
                       point.lon < (xj - xi) * (point.lat - yi) / (yj - yi) + xi {
                        inside.toggle()
                    }
                    j = i
                }
            }
            return inside
        }
    }
}
