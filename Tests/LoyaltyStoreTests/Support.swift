import Foundation
import GRDB
import LoyaltyCore
@testable import LoyaltyStore

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    func set(_ date: Date) { lock.withLock { current = date } }
}

/// A fresh store on a real file in its own temporary folder.
struct TestStore {
    let store: LoyaltyStore
    let clock: TestClock
    let folder: URL

    static let admin = Operator(username: "admin", role: .admin)
    static let manager = Operator(username: "manager", role: .manager)
    static let cashier = Operator(username: "cashier", role: .cashier)

    init(file: String = "store.sqlite") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("loyalty-store-tests-\(UUID().uuidString)")
        clock = TestClock()
        let clock = clock
        store = try LoyaltyStore(path: folder.appendingPathComponent(file).path, clock: { clock.now },
                                 hasher: .insecureForTests)
    }

    /// Raw access for assertions the facade does not offer.
    func dbQueue() throws -> DatabaseQueue {
        try DatabaseQueue(path: store.path)
    }
}

/// A valid UPC-A from 11 digits (the check digit computed).
func upc(_ body: String) -> UPC {
    let digits = body.compactMap { $0.wholeNumberValue }
    var sum = 0
    for (offset, digit) in digits.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 3 : 1) }
    return try! UPC.parse(body + String((10 - sum % 10) % 10))
}

extension TestStore {
    /// A store with two programs (dog food buy 3, cat litter buy 12) and Sally.
    static func withPrograms() throws -> (TestStore, dog: Program, cat: Program, sally: Customer) {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), by: admin)
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                                 rewardRule: "lesser or equal value free"), by: admin)
        let cat = try t.store.addProgram(Program(name: "Cat Litter", manufacturer: "Scoop", punchesRequired: 12,
                                                 rewardRule: "same size free"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567890"), description: "MeNow Munchies 12 lb",
                                               size: "12 lb"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567891"), description: "MeNow Munchies 4 lb",
                                               size: "4 lb"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: cat.id, upc: upc("07000000001"), description: "Scoop Litter 20 lb"),
                                   by: admin)
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555 867 5309"),
                                            by: cashier)
        return (t, dog, cat, sally)
    }
}
