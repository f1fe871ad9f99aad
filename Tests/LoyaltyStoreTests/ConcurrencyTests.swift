import Foundation
import GRDB
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct ConcurrencyTests {
    /// Two counters (two store instances, two connections) punch the same customer at once:
    /// every write lands, nobody sees "database is locked", no card passes N.
    @Test func twoCountersPunchingAtOnce() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let second = try LoyaltyStore(path: t.store.path, clock: { Date(timeIntervalSince1970: 1_750_000_000) },
                                      hasher: .insecureForTests)
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

    /// A backup taken while a counter keeps punching is a consistent store.
    @Test func backupWhileWriting() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let target = t.folder.appendingPathComponent("copy.sqlite").path
        let done = DispatchSemaphore(value: 0)
        let store = t.store
        DispatchQueue.global().async {
            for _ in 0..<60 { _ = try? store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier) }
            done.signal()
        }
        try t.store.backup(to: target)
        done.wait()
        let copy = try LoyaltyStore(path: target, hasher: .insecureForTests)
        #expect(try copy.integrityCheck().isEmpty)
        let punches = try copy.punches(customer: sally.id)
        let cards = try #require(try copy.customerDetail(id: sally.id)).programs.flatMap(\.cards)
        #expect(cards.allSatisfy { $0.countingPunches <= 3 })
        #expect(punches.count <= 60)
        #expect(try t.store.punches(customer: sally.id).count == 60)
    }
}
