/// A small feed mixing good lines with garbage, truncated and hostile ones.
enum HostileFeed {
    static let badLines = 7

    static let text = [
        #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"incident","id":"INC-1","category":"fire","severity":4,"status":"new","title":"Kebakaran gudang","district":"Karawaci","lat":-6.18,"lon":106.61}"#,
        "this is not json at all",
        #"{"v":1,"ts":"2026-11-23T08:01:00+07:00","kind":"sensor","station":"pa-sepuluh","sen"#,
        #"{"v":1,"ts":"2026-11-23T08:02:00+07:00","kind":"incident","id":"INC-2","category":"crime","severity":2,"title":"\u001b]0;HIJACK\u0007\u001b[2J\u001b[31mRED","district":"Tangerang"}"#,
        #"{"v":9,"ts":"2026-11-23T08:03:00+07:00","kind":"sensor"}"#,
        #"{"v":1,"ts":"2026-11-23T08:03:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":"tinggi"}"#,
        #"{"v":1,"ts":"not a time","kind":"traffic","segment":"a","road":"b"}"#,
        #"{"v":1,"ts":"2026-11-23T08:04:00+07:00","kind":"traffic","road":"Jl. Daan Mogot"}"#,
        #"{"v":1,"ts":"2026-11-23T08:05:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":250,"name":"Pintu Air Sepuluh"}"#,
        "\u{00}\u{01}\u{02}",
        "",
    ].joined(separator: "\n")
}
