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
