import Foundation

/// A synthetic Waze for Cities (CCP) feed around Kota Tangerang, as big as a test needs (about
/// 1.7 MB for 3,500 records): for the format's tests and `convert`'s end-to-end test.
public enum SyntheticWazeFeed {
    /// The feed: `jams` jams, `alerts` alerts, `irregularities` irregularities.
    public static func data(jams: Int, alerts: Int, irregularities: Int) -> Data {
        var s = #"{"startTimeMillis":1795918800000,"endTimeMillis":1795918860000,"startTime":"2026-11-23 00:00:00:000","jams":["#
        let streets = ["Jl. Daan Mogot", "Jl. M.H. Thamrin", "Jl. Jenderal Sudirman", "Jl. Gatot Subroto", "Jl. Imam Bonjol"]
        for i in 0..<jams {
            if i > 0 { s += "," }
            var line = "["
            for k in 0..<14 {
                if k > 0 { line += "," }
                line += #"{"x":\#(106.6 + Double(i % 100) * 0.001 + Double(k) * 0.0003),"y":\#(-6.2 + Double(i % 50) * 0.001)}"#
            }
            line += "]"
            s += #"{"country":"ID","city":"Kota Tangerang","level":\#(i % 6),"line":\#(line),"speedKMH":\#(Double(i % 40) + 0.5),"length":\#(300 + i % 900),"turnType":"NONE","type":"NONE","uuid":\#(400000000 + i),"endNode":"Simpang \#(i)","speed":\#(Double(i % 40) / 3.6),"segments":[{},{},{}],"roadType":2,"delay":\#(i % 7 == 0 ? -1 : i % 600),"street":"\#(streets[i % streets.count])","id":\#(400000000 + i),"pubMillis":\#(1795918800000 + i * 17)}"#
        }
        s += #"],"alerts":["#
        let types = ["ACCIDENT", "ROAD_CLOSED", "HAZARD", "WEATHERHAZARD"]
        for i in 0..<alerts {
            if i > 0 { s += "," }
            s += #"{"country":"ID","nThumbsUp":\#(i % 5),"city":"Kota Tangerang","reportRating":3,"confidence":\#(i % 6),"reliability":\#(i % 11),"type":"\#(types[i % 4])","uuid":"\#(UUID().uuidString.lowercased())","roadType":4,"magvar":17,"subtype":"HAZARD_ON_ROAD_CAR_STOPPED","street":"\#(streets[i % streets.count])","location":{"x":\#(106.6 + Double(i % 100) * 0.001),"y":\#(-6.2 + Double(i % 60) * 0.001)},"pubMillis":\#(1795918800000 + i * 31),"reportDescription":"Laporan pengguna nomor \#(i)"}"#
        }
        s += #"],"irregularities":["#
        for i in 0..<irregularities {
            if i > 0 { s += "," }
            s += #"{"country":"ID","trend":-1,"city":"Kota Tangerang","line":[{"x":106.6,"y":-6.2},{"x":106.61,"y":-6.21},{"x":106.62,"y":-6.22}],"detectionDateMillis":1795918000000,"type":"Medium","endNode":"X","speed":21.02,"seconds":922,"street":"Jl. Daan Mogot","jamLevel":3,"id":\#(i),"highway":true,"delaySeconds":697,"severity":2,"driversCount":446,"alertsCount":8,"length":5389,"updateDateMillis":1795918700000,"nImages":0,"alerts":[]}"#
        }
        s += "]}"
        return Data(s.utf8)
    }
}
