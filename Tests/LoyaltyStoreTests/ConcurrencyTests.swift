import Foundation
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

@Suite struct ConcurrencyTests {
    /// Two counters (two store instances, two connections) punch the same customer at once:
    /// every write lands, nobody sees "database is locked", no card passes N.
    @Test func twoCountersPunchingAtOnce() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let second = try t.sameStoreAgain(clock: { Date(timeIntervalSince1970: 1_750_000_000) })
        let stores = [t.store, second]
        let failures = NSLock()
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { counter in
            for i in 0..<100 {
                do {
                    try stores[counter].recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier)
                    if i % 5 == 0 {
                        try stores[counter].earnPointsForSale(customer: sally.id, saleID: "C\(counter)-\(i)", points: 1,
                                                              by: TestStore.cashier)
                    }
                } catch {
                    failures.withLock { errors.append("\(error)") }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        let cards = try #require(detail.programs.first { $0.program.id == dog.id }).cards
        #expect(cards.flatMap(\.punches).count == 200)
        #expect(cards.allSatisfy { $0.countingPunches <= 3 })
        #expect(cards.filter { $0.card.state == .complete }.count == 66)
        #expect(detail.pointsBalance == 40)
    }

    /// A backup taken while a counter keeps punching is a consistent store: started once the first punches are in
    /// (waited for, not slept for), it holds some of them, and every card in it agrees with its own punches (a
    /// completed card has exactly N, an open one fewer), as each punch and its card's completion are one transaction.
    @Test(.enabled(if: TestStore.isSQLite, "SQLite's online backup")) func backupWhileWriting() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let target = t.folder.appendingPathComponent("copy.sqlite").path
        let done = DispatchSemaphore(value: 0)
        let store = t.store
        DispatchQueue.global().async {
            for _ in 0..<60 { _ = try? store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier) }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(10)
        while try t.store.punches(customer: sally.id).count < 2 && Date() < deadline { usleep(1_000) }
        try t.store.backup(to: target)
        // Before anything opens it (opening a store makes its file owner-only too).
        #expect(try permissions(target) == 0o600)
        #expect(done.wait(timeout: .now() + 30) == .success)
        let copy = try LoyaltyStore(path: target, hasher: .insecureForTests)
        #expect(try copy.integrityCheck().isEmpty)
        let punches = try copy.punches(customer: sally.id)
        let cards = try #require(try copy.customerDetail(id: sally.id)).programs.flatMap(\.cards)
        #expect((2...60).contains(punches.count), "\(punches.count) punches in the copy")
        #expect(cards.flatMap(\.punches).count == punches.count)
        #expect(cards.allSatisfy { $0.card.state == .complete ? $0.countingPunches == 3 : $0.countingPunches < 3 },
                "\(cards.map { ($0.card.state, $0.countingPunches) })")
        #expect(try t.store.punches(customer: sally.id).count == 60)
    }
}

/// File permission bits (e.g. 0o600).
func permissions(_ path: String) throws -> Int {
    ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
