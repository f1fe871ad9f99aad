import Foundation
import GRDB
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// The counter's queue of scans kept while the store's server was down, on a real SQLite file, and the store's
/// side of replaying them: a scan ID is recorded once, at the scan's own time.
@Suite struct OfflineScanQueueTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offline-queue-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("kept-scans.sqlite").path }

    func scan(_ customer: Int64, _ quantity: Int = 1, at seconds: TimeInterval = 1_750_000_000) -> QueuedScan {
        QueuedScan(scanID: UUID(), customerID: customer, upc: upc("01234567890"), quantity: quantity,
                   scannedAt: Date(timeIntervalSince1970: seconds), localDate: LocalDate(iso: "2025-06-15"),
                   username: "cashier", role: .cashier, counter: "Front counter")
    }

    @Test func appendedScansSurviveReopeningInTheOrderMade() throws {
        let first = scan(7, 2, at: 1_750_000_000.25)
        let second = scan(8)
        let third = scan(7, 3)
        do {
            let queue = try OfflineScanQueue(path: path)
            for s in [first, second, third] { try queue.append(s) }
        }
        let reopened = try OfflineScanQueue(path: path)
        let kept = try reopened.all()
        #expect(kept.map(\.scanID) == [first.scanID, second.scanID, third.scanID])
        #expect(kept.map(\.id) == kept.map(\.id).sorted() && Set(kept.map(\.id)).count == 3)
        // Every field comes back as it was kept (the time to the quarter second).
        var expected = first
        expected.id = kept[0].id
        #expect(kept[0] == expected)
        #expect(try reopened.counts() == QueueCounts(waiting: 3, refused: 0))
        // Owner-only, like the store: it names customers.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aRefusedScanStaysMarkedUntilRetriedOrRemoved() throws {
        let queue = try OfflineScanQueue(path: path)
        let a = try queue.append(scan(7))
        let b = try queue.append(scan(8))
        try queue.noteAttempt(id: a.id, error: "no answer")
        try queue.markRefused(id: b.id, reason: "The program \"MeNow\" is no longer active.")
        #expect(try queue.counts() == QueueCounts(waiting: 1, refused: 1))
        #expect(try queue.waiting().map(\.id) == [a.id])
        let refused = try #require(try queue.scan(id: b.id))
        #expect(refused.refusal == "The program \"MeNow\" is no longer active." && refused.attempts == 1)
        #expect(try queue.scan(id: a.id)?.attempts == 1 && queue.scan(id: a.id)?.lastError == "no answer")
        try queue.clearRefusal(id: b.id)
        #expect(try queue.waiting().map(\.id) == [a.id, b.id])
        let removed = try queue.remove(id: a.id)
        #expect(removed.id == a.id)
        #expect(try queue.all().map(\.id) == [b.id])
        #expect(throws: StoreError.notFound("Kept scan \(a.id)")) { try queue.remove(id: a.id) }
    }
}

@Suite struct ScanReplayTests {
    let munchies = upc("01234567890")
    /// 03:00 UTC on June 15th 2025 is 22:00 on June 14th in Chicago (the test store's zone).
    let lateEvening = Date(timeIntervalSince1970: 1_749_956_400)

    @Test func aScanIDRecordedTwiceRecordsOneSetOfPunchesAtItsOriginalTime() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let scanID = UUID()
        let first = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, scanID: scanID,
                                               scannedAt: lateEvening, by: TestStore.cashier)
        #expect(first.punches.count == 2)
        #expect(throws: StoreError.alreadyRecorded(LoyaltyStore.scanWords)) {
            try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, scanID: scanID,
                                       scannedAt: lateEvening, by: TestStore.cashier)
        }
        let punches = try t.store.punches(customer: sally.id)
        #expect(punches.count == 2)
        // The scan's own time and its date on the store's clock (not UTC's June 15th, not today).
        #expect(punches.allSatisfy { $0.recordedAt == lateEvening && $0.purchaseDate == LocalDate(iso: "2025-06-14") })
        // Positive control: another scan ID of the same item records.
        try t.store.recordPurchase(customer: sally.id, upc: munchies, scanID: UUID(), scannedAt: lateEvening,
                                   by: TestStore.cashier)
        #expect(try t.store.punches(customer: sally.id).count == 3)
        let stored = try t.raw().read { db in
            try String.fetchAll(db, sql: "SELECT counter_scan_id FROM punches ORDER BY id")
        }
        #expect(stored.prefix(2).allSatisfy { $0 == scanID.uuidString })
    }

    @Test func anUndoneScanIsNotBroughtBackByALateReplay() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let scanID = UUID()
        let result = try t.store.recordPurchase(customer: sally.id, upc: munchies, scanID: scanID, by: TestStore.cashier)
        try t.store.undoTodaysPunches(result.punches.map(\.id), by: TestStore.cashier)
        #expect(throws: StoreError.alreadyRecorded(LoyaltyStore.scanWords)) {
            try t.store.recordPurchase(customer: sally.id, upc: munchies, scanID: scanID, by: TestStore.cashier)
        }
        #expect(try t.store.punches(customer: sally.id).filter { $0.removal == nil }.isEmpty)
    }

    @Test func twoStoresReplayingTheSameScanAtOnceRecordItOnce() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        // A second store on the same data: another counter (or `queue retry` beside the counter's own replay).
        let other = try t.sameStoreAgain()
        let scanID = UUID()
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let store = i.isMultiple(of: 2) ? t.store : other
            do {
                try store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, scanID: scanID,
                                         scannedAt: lateEvening, by: TestStore.cashier)
                outcomes.add("recorded")
            } catch StoreError.alreadyRecorded(let what) where what == LoyaltyStore.scanWords {
                outcomes.add("already")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.sorted == ["already", "already", "already", "already", "already", "already", "already", "recorded"])
        #expect(try t.store.punches(customer: sally.id).count == 2)
    }

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ outcome: String) { lock.withLock { list.append(outcome) } }
        var sorted: [String] { lock.withLock { list.sorted() } }
    }

    @Test func discardingAKeptScanNeedsAManagerAndIsAudited() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let kept = QueuedScan(id: 4, scanID: UUID(), customerID: sally.id, upc: munchies, quantity: 2,
                              scannedAt: lateEvening, localDate: nil, username: "cashier", role: .cashier,
                              counter: "Front", refusal: "The program \"MeNow Dog Food\" is no longer active.")
        #expect(throws: StoreError.notAllowed(action: "discard a kept scan", needs: .manager)) {
            try t.store.recordDiscardedScan(kept, by: TestStore.cashier)
        }
        try t.store.recordDiscardedScan(kept, by: TestStore.manager)
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .scanDiscarded)).first)
        #expect(entry.customerID == sally.id && entry.username == "manager")
        #expect(entry.summary == "Sally Pet Owner: kept scan 4 discarded, 2 × \(munchies.display) scanned by cashier at "
                    + "\(StoreCalendar(timeZone: TimeZone(identifier: "America/Chicago")!).timestamp(of: lateEvening)) on Front; "
                    + "refused: The program \"MeNow Dog Food\" is no longer active.")
        #expect(try t.store.punches(customer: sally.id).isEmpty)
    }
}
