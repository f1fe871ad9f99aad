import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// Presses waiting for an open sale (kept across restarts), and Import History's "Removed earlier".
@Suite struct PendingSaleAndRemovedTests {
    let munchies = upc("01234567890")
    /// 2025-04-02 18:00 UTC = 13:00 in Chicago.
    let april2 = Date(timeIntervalSince1970: 1_743_616_800)

    @Test func aWaitingPressIsKeptAuditedAndEndsOnceWithItsReason() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        try t.store.rememberPendingSale(saleID: "5036", kind: .sale, customer: sally.id, lightspeedCustomerID: "101",
                                        by: TestStore.cashier)
        try t.store.rememberPendingSale(saleID: "5036", kind: .sale, customer: sally.id, lightspeedCustomerID: "101",
                                        by: TestStore.cashier)
        #expect(try t.store.pendingSaleIDs(customer: sally.id) == ["5036"])
        let reopened = try t.sameStoreAgain(clock: { Date() })
        let pending = try #require(try reopened.pendingSales().first)
        #expect(pending.pressedBy == TestStore.cashier && pending.lightspeedCustomerID == "101" && pending.kind == .sale)
        #expect(try t.store.auditLog(AuditFilter(action: .saleWaiting)).count == 1)

        try t.store.endPendingSale(saleID: "5036", .voided, by: TestStore.cashier)
        try t.store.endPendingSale(saleID: "5036", .voided, by: TestStore.cashier)
        #expect(try t.store.pendingSales().isEmpty)
        let ended = try t.store.auditLog(AuditFilter(action: .saleWaitEnded))
        #expect(ended.count == 1)
        #expect(ended.first?.summary == "Sally Pet Owner: Lightspeed sale 5036 was voided before completing: nothing recorded")
    }

    @Test func recordingTheCompletedSaleEndsTheWaitInTheSameTransaction() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        try t.store.rememberPendingSale(saleID: "S1", kind: .sale, customer: sally.id, lightspeedCustomerID: "101",
                                        by: TestStore.cashier)
        let line = SaleLine(saleID: "S1", saleLineID: "L1", completedAt: t.clock.now, upc: munchies, description: "MeNow",
                            quantity: 1)
        try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: [line], by: TestStore.cashier)
        #expect(try t.store.pendingSales().isEmpty)
    }

    @Test func aRealtimePunchIsDatedInItsShopsZone() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        // 2025-04-03 04:30 UTC: 23:30 on April 2 in Chicago (the store), 00:30 on April 3 in New York.
        let late = Date(timeIntervalSince1970: 1_743_654_600)
        let east = SaleLine(saleID: "S1", saleLineID: "L1", completedAt: late, upc: munchies, description: "MeNow",
                            quantity: 1, timeZone: TimeZone(identifier: "America/New_York"))
        let here = SaleLine(saleID: "S2", saleLineID: "L2", completedAt: late, upc: munchies, description: "MeNow", quantity: 1)
        try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: [east], by: TestStore.cashier)
        try t.store.recordRealtimeSale(customer: sally.id, saleID: "S2", lines: [here], by: TestStore.cashier)
        #expect(try t.store.punches(customer: sally.id).map(\.purchaseDate.iso).sorted() == ["2025-04-02", "2025-04-03"])
    }

    @Test func aRemovedPunchIsOfferedUncheckedAndOnlyAManagerBringsItBack() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let line = SaleLine(saleID: "S1", saleLineID: "L1", completedAt: april2, upc: munchies, description: "MeNow",
                            quantity: 2)
        let first = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: [line], by: TestStore.cashier)
        try t.store.removePunch(first.punches[0].id, reason: "refunded at the counter", by: TestStore.manager)

        let calendar = StoreCalendar(timeZone: TimeZone(identifier: "America/Chicago")!)
        let programs = try t.store.linePrograms(for: [munchies], at: nil)
        func review() throws -> [ImportRow] {
            ImportMatcher.match(lines: [line], punches: try t.store.matchablePunches(customer: sally.id, saleLineIDs: ["L1"]),
                                programs: programs, calendar: calendar)
        }
        var rows = try review()
        #expect(rows.map(\.status) == [.alreadyExists, .removedEarlier])
        #expect(rows[1].removal?.removedBy == "manager" && rows[1].removal?.reason == "refunded at the counter")
        #expect(!rows[1].checked)
        // Unchecked: Agree adds nothing.
        #expect(throws: Never.self) { try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.cashier) }
        #expect(try t.store.punches(customer: sally.id).filter(\.counts).count == 1)

        rows[1].checked = true
        #expect(throws: StoreError.self) { try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.cashier) }
        let result = try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.manager)
        #expect(result.punches.count == 1 && result.punches[0].saleLineID == "L1")
        #expect(try t.store.punches(customer: sally.id).filter(\.counts).count == 2)
    }
}
