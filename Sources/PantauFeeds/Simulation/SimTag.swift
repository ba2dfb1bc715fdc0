/// Labels of the simulator's independent random streams, mixed with the seed, so that each
/// subsystem (and each day) draws its own numbers and a change in one leaves the others be.
enum SimTag {
    static let dayPlan: UInt64 = 0x4441_5950_4C41_4E00      // "DAYPLAN"
    static let setup: UInt64 = 0x5345_5455_5000_0000        // "SETUP"
    static let noise: UInt64 = 0x4E4F_4953_4500_0000        // "NOISE"
    static let arrivals: UInt64 = 0x4152_5249_5641_4C00     // "ARRIVAL"
    static let incident: UInt64 = 0x494E_4349_4445_4E54     // "INCIDENT"
    static let ticket: UInt64 = 0x5449_434B_4554_0000       // "TICKET"
    static let backlog: UInt64 = 0x4241_434B_4C4F_4700      // "BACKLOG"
}
