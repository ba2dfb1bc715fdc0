import PantauCore
import PantauUI

/// A small, hand-made city state for view tests.
enum Fixtures {
    static let t0 = RFC3339.parse("2026-11-23T15:00:00+07:00")!

    static func at(_ minutes: Double) -> Instant { t0.adding(seconds: minutes * 60) }

    static func state() -> CityState {
        var s = CityState()
        // The hand-made readings span 25 minutes: views tests are about the rest, not staleness.
        s.staleLimits = StaleLimits(traffic: 3600, sensor: 3600)
        func traffic(_ id: String, _ road: String, _ district: String, speed: Double, free: Double, jam: Int, delay: Double,
                     _ lat: Double, _ lon: Double) {
            var u = TrafficUpdate(segment: id, road: road)
            u.place = Place(district: district, location: GeoPoint(lat: lat, lon: lon))
            u.speedKmh = speed
            u.freeFlowKmh = free
            u.jamLevel = jam
            u.delaySeconds = delay
            s.apply(FeedEvent(time: at(0), payload: .traffic(u)))
        }
        traffic("daan-mogot-03", "Jl. Daan Mogot", "Batuceper", speed: 11.5, free: 45, jam: 4, delay: 420, -6.1702, 106.6655)
        traffic("thamrin-01", "Jl. M.H. Thamrin", "Cipondoh", speed: 38, free: 50, jam: 1, delay: 40, -6.186, 106.682)
        traffic("raya-serang-02", "Jl. Raya Serang", "Jatiuwung", speed: 20, free: 60, jam: 3, delay: 300, -6.198, 106.575)
        traffic("periuk-01", "Jl. Gatot Subroto", "Periuk", speed: 15, free: 40, jam: 3, delay: 200, -6.170, 106.600)

        func sensor(_ id: String, _ kind: SensorKind, _ name: String, _ values: [Double], _ lat: Double, _ lon: Double) {
            for (i, v) in values.enumerated() {
                var r = SensorReading(station: id, sensor: kind, value: v)
                r.name = name
                r.place = Place(district: "Periuk", location: GeoPoint(lat: lat, lon: lon))
                s.apply(FeedEvent(time: at(Double(i * 5)), payload: .sensor(r)))
            }
        }
        sensor("pa-sepuluh", .waterLevel, "Pintu Air Sepuluh", [250, 280, 320, 360, 395, 410], -6.1664, 106.6358)
        sensor("kali-cirarab-periuk", .waterLevel, "Kali Cirarab Periuk", [120, 150, 190, 215], -6.168, 106.598)
        sensor("rain-periuk", .rainfall, "Hujan Periuk", [2, 8, 15, 25, 31], -6.166, 106.595)
        sensor("ispu-jatiuwung", .ispu, "ISPU Jatiuwung", [90, 120, 160], -6.198, 106.575)
        sensor("ispu-benda", .ispu, "ISPU Benda", [40, 45, 42], -6.129, 106.666)

        func incident(_ id: String, _ minutes: Double, _ build: (inout IncidentUpdate) -> Void) {
            var u = IncidentUpdate(id: id)
            build(&u)
            s.apply(FeedEvent(time: at(minutes), source: "simulator", payload: .incident(u)))
        }
        incident("INC-20261123-0117", 0) {
            $0.category = .flood; $0.severity = 4; $0.status = .new; $0.title = "Genangan 40 cm di Perumahan Periuk Damai"
            $0.place = Place(district: "Periuk", address: "Jl. Kali Cirarab 5", location: GeoPoint(lat: -6.1675, lon: 106.5985))
            $0.channel = "112"
        }
        incident("INC-20261123-0117", 7) { $0.status = .dispatched; $0.unit = "BPBD Unit 2"; $0.agency = "BPBD"; $0.note = "Perahu karet dikirim" }
        incident("INC-20261123-0120", 3) {
            $0.category = .fire; $0.severity = 5; $0.status = .acknowledged; $0.title = "Kebakaran gudang"
            $0.place = Place(district: "Jatiuwung", location: GeoPoint(lat: -6.199, lon: 106.576))
        }
        incident("INC-20261123-0090", -40) {
            $0.category = .accident; $0.severity = 2; $0.status = .onScene; $0.title = "Motor tergelincir"
            $0.place = Place(district: "Cipondoh")
        }
        incident("INC-20261123-0050", -90) { $0.category = .medical; $0.severity = 3; $0.status = .closed; $0.title = "Closed one" }
        // Hostile text: an escape sequence and a bell in a title.
        incident("INC-20261123-0130", 20) {
            $0.category = .publicOrder; $0.severity = 1; $0.title = "Kerumunan \u{1B}[2J\u{07} pasar"
            $0.place = Place(district: "Tangerang")
        }

        func ticket(_ id: String, _ agency: String, _ category: String, created: Double, sla: Double, _ minutes: Double,
                    location: GeoPoint? = nil) {
            var u = TicketUpdate(id: id)
            u.agency = agency
            u.category = category
            u.title = "\(category) dilaporkan warga"
            u.created = at(created)
            u.slaHours = sla
            u.status = .open
            u.place = Place(district: "Periuk", location: location)
            s.apply(FeedEvent(time: at(minutes), payload: .ticket(u)))
        }
        ticket("LAKSA-20261123-0042", "Dinas PUPR", "Drainase tersumbat", created: -60 * 30, sla: 24, 0,
               location: GeoPoint(lat: -6.1690, lon: 106.5990))
        ticket("LAKSA-20261123-0043", "Dinas PUPR", "Jalan rusak", created: -60, sla: 72, 0)
        ticket("LAKSA-20261123-0044", "BPBD", "Banjir", created: 10, sla: 6, 10)
        ticket("LAKSA-20261123-0045", "DLH", "Sampah menumpuk", created: -600, sla: 48, 12)
        return s
    }

    static func layout() -> Layout { try! ShippedLayouts.named("command-center")! }
}
