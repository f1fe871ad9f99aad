import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// The watcher's settings kept in the store (shared by every counter on it): an admin's audited write.
@Suite struct WatcherSettingsStoreTests {
    @Test func nothingSetReadsAsNilSoTheConfigDecides() throws {
        let t = try TestStore()
        #expect(try t.store.storedWatcherSettings() == StoredWatcherSettings())
    }

    @Test func anAdminsWriteIsStoredAndAuditedBeforeToAfter() throws {
        let t = try TestStore()
        try t.store.setWatcherSettings(enabled: false, rateShare: 0.35, shops: ["2", "1"], by: TestStore.admin)
        #expect(try t.store.storedWatcherSettings() == StoredWatcherSettings(enabled: false, rateShare: 0.35, shops: ["1", "2"]))
        let entries = try t.store.auditLog(AuditFilter(action: .settingsChange))
        #expect(entries.count == 1)
        #expect(entries[0].username == "admin")
        #expect(entries[0].summary == "Lightspeed watcher: watcher_enabled (config) → 0; watcher_rate_share (config) → 0.35; "
                + "watcher_shops (config) → 1,2")
        // Every shop again: stored as empty (not "never set"), one more audit entry naming only the change.
        try t.store.setWatcherSettings(enabled: false, rateShare: 0.35, shops: [], by: TestStore.admin)
        #expect(try t.store.storedWatcherSettings().shops == [])
        let after = try t.store.auditLog(AuditFilter(action: .settingsChange))
        #expect(after.count == 2)
        #expect(after.contains { $0.summary == "Lightspeed watcher: watcher_shops 1,2 → (every shop)" })
        // The same values again change nothing and write no entry.
        try t.store.setWatcherSettings(enabled: false, rateShare: 0.35, shops: [], by: TestStore.admin)
        #expect(try t.store.auditLog(AuditFilter(action: .settingsChange)).count == 2)
    }

    @Test func aCashierOrAManagerIsRefusedAndNothingIsWritten() throws {
        let t = try TestStore()
        for op in [TestStore.cashier, TestStore.manager] {
            #expect(throws: StoreError.notAllowed(action: "change the Lightspeed watcher's settings", needs: .admin)) {
                try t.store.setWatcherSettings(enabled: false, rateShare: 0.5, shops: [], by: op)
            }
        }
        #expect(try t.store.storedWatcherSettings() == StoredWatcherSettings())
        #expect(try t.store.auditLog(AuditFilter(action: .settingsChange)).isEmpty)
    }

    @Test func theShareIsBoundedAndAShopIDCannotCarryAComma() throws {
        let t = try TestStore()
        for share in [0.0, 0.04, 1.01, -1] {
            #expect(throws: StoreError.self) { try t.store.setWatcherSettings(enabled: true, rateShare: share, shops: [], by: TestStore.admin) }
        }
        #expect(throws: StoreError.self) { try t.store.setWatcherSettings(enabled: true, rateShare: 0.5, shops: ["1,2"], by: TestStore.admin) }
        #expect(try t.store.storedWatcherSettings() == StoredWatcherSettings())
        // Positive control: the bounds themselves are allowed.
        try t.store.setWatcherSettings(enabled: true, rateShare: 0.05, shops: [], by: TestStore.admin)
        try t.store.setWatcherSettings(enabled: true, rateShare: 1, shops: [], by: TestStore.admin)
        #expect(try t.store.storedWatcherSettings().rateShare == 1)
    }

    @Test func settlingQueuedSalesIsAManagersWrite() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        #expect(throws: StoreError.notAllowed(action: "record the queued Lightspeed sales", needs: .manager)) {
            try t.store.resolveUnlinkedSales(["9001"], customer: sally.id, by: TestStore.cashier)
        }
        try t.store.resolveUnlinkedSales(["9001"], customer: sally.id, by: TestStore.manager)
    }
}
