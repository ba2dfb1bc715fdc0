import Foundation
import PantauReport

/// The bundled day with a supervisor's desk at work in it: calls taken (one with the caller's
/// name, phone and address), acknowledged and resolved, a viewer's refused note, an exercise
/// call and an exercise incident from the feed, alarms raised, cleared and acknowledged, a user
/// name and a rule name that need quoting and escaping, and one bad line.
enum ShiftScenario {
    static let oddUser = #"ani "the boss", jr"#
    /// Personal data in the scenario that no report may carry.
    static let personalData = ["Siti Aminah", "081234567789", "Melati", "Kebakaran rumah"]

    static let extra: [String] = [
        #"{"v":1,"ts":"2026-11-23T10:40:00+07:00","kind":"action","action_id":"d1-1","verb":"create","target":"INC-C-1","by":"siti","role":"operator","console":"desk-1","category":"fire","severity":4,"title":"Kebakaran rumah","district":"Cipondoh","address":"Jl. Melati No. 12","caller_name":"Bu Siti Aminah","caller_phone":"081234567789"}"#,
        #"{"v":1,"ts":"2026-11-23T10:41:10+07:00","kind":"action","action_id":"d1-2","verb":"acknowledge","target":"INC-C-1","by":"siti","role":"operator"}"#,
        #"{"v":1,"ts":"2026-11-23T10:42:00+07:00","kind":"action","action_id":"d9-1","verb":"note","target":"INC-C-1","by":"vina","role":"viewer","note":"Saya lihat asap"}"#,
        #"{"v":1,"ts":"2026-11-23T10:50:00+07:00","kind":"action","action_id":"d1-3","verb":"create","target":"INC-X-1","by":"siti","role":"operator","category":"flood","severity":5,"title":"Latihan banjir","exercise":true}"#,
        #"{"v":1,"ts":"2026-11-23T10:51:00+07:00","kind":"action","action_id":"d1-4","verb":"acknowledge","target":"INC-X-1","by":"siti","role":"operator"}"#,
        #"{"v":1,"ts":"2026-11-23T11:05:00+07:00","kind":"action","action_id":"d2-1","verb":"resolve","target":"INC-C-1","by":"budi","role":"supervisor","disposition":"false_alarm"}"#,
        #"{"v":1,"ts":"2026-11-23T12:00:00+07:00","kind":"incident","src":"drill","id":"INC-X-2","category":"medical","severity":3,"status":"new","title":"Simulasi evakuasi","exercise":true}"#,
        #"{not json"#,
        #"{"v":1,"ts":"2026-11-23T17:00:00+07:00","kind":"alarm","id":"alarm-jam-x-1763892000","rule":"<b>jam|4</b>","state":"raised","severity":3,"subject":"daan-mogot-03","title":"Jam level 5 on Jl. Daan Mogot","level":"5"}"#,
        #"{"v":1,"ts":"2026-11-23T18:00:00+07:00","kind":"alarm","id":"alarm-jam-x-1763892000","rule":"<b>jam|4</b>","state":"cleared","severity":3,"subject":"daan-mogot-03","title":"Jam cleared"}"#,
        #"{"v":1,"ts":"2026-11-23T19:00:00+07:00","kind":"alarm","id":"alarm-water-siaga2-pa-sepuluh-1763899200","rule":"water-siaga2","state":"raised","severity":4,"subject":"pa-sepuluh","title":"Pintu Air Sepuluh at Siaga 2","value":382,"level":"Siaga 2"}"#,
        #"{"v":1,"ts":"2026-11-23T19:03:30+07:00","kind":"action","action_id":"d3-1","verb":"acknowledge_alarm","target":"alarm-water-siaga2-pa-sepuluh-1763899200","by":"ani \"the boss\", jr","role":"operator"}"#,
        #"{"v":1,"ts":"2026-11-23T20:00:00+07:00","kind":"alarm","id":"alarm-water-siaga2-kali-angke-ciledug-1763902800","rule":"water-siaga2","state":"raised","severity":4,"subject":"kali-angke-ciledug","title":"Kali Angke Ciledug at Siaga 2","value":201,"level":"Siaga 2"}"#,
        #"{"v":1,"ts":"2026-11-23T20:00:45+07:00","kind":"action","action_id":"d1-9","verb":"acknowledge_alarm","target":"alarm-water-siaga2-kali-angke-ciledug-1763902800","by":"siti","role":"operator"}"#,
        #"{"v":1,"ts":"2026-11-23T20:01:00+07:00","kind":"action","action_id":"d1-10","verb":"note_alarm","target":"alarm-water-siaga2-kali-angke-ciledug-1763902800","by":"siti","role":"operator","note":"Petugas menuju lokasi"}"#,
    ]

    /// The bundled day's lines with ``extra`` placed among them by time.
    static func lines() throws -> [String] {
        var day = try ReportFixtures.lines(of: ReportFixtures.bundledDayPath)
        var times = day.map { RawEvent($0)?.ts ?? 0 }
        for line in extra {
            let ts = RawEvent(line)?.ts ?? RawEvent.seconds("2026-11-23T12:00:00+07:00")!
            let at = times.firstIndex { $0 > ts } ?? day.count
            day.insert(line, at: at)
            times.insert(ts, at: at)
        }
        return day
    }

    static func builder() -> ReportBuilder { ReportBuilder() }
}
