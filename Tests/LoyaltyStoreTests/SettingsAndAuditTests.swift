import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct SettingsAndAuditTests {
    @Test func settingsRoundTripAndAreAudited() throws {
        let t = try TestStore()
        var s = try t.store.settings()
        s.storeName = "Paws & Claws"
        s.timeZoneID = "America/New_York"
        s.goLiveDate = LocalDate(year: 2019, month: 1, day: 15)
        s.pointsEnabled = true
        s.pointsRule = PointsRule(points: 2, unitCents: 100)
        s.trainingMode = true
        try t.store.updateSettings(s, by: TestStore.admin)
        #expect(try t.store.settings() == s)
        let entries = try t.store.auditLog(AuditFilter(action: .settingsChange))
        #expect(entries.count == 1)
        #expect(entries[0].summary.contains("store_name Pet Store → Paws & Claws"))
        #expect(entries[0].username == "admin")
    }

    @Test func settingsNeedAnAdminAndAValidZone() throws {
        let t = try TestStore()
        var s = try t.store.settings()
        s.storeName = "Nope"
        #expect(throws: StoreError.notAllowed(action: "change the store settings", needs: .admin)) {
            try t.store.updateSettings(s, by: TestStore.manager)
        }
        s.timeZoneID = "Mars/Olympus"
        #expect(throws: StoreError.self) { try t.store.updateSettings(s, by: TestStore.admin) }
        #expect(try t.store.settings().storeName == "Pet Store")
    }

    @Test func todayFollowsTheStoresZone() throws {
        let t = try TestStore()
        // 2025-06-15 03:30 UTC is still June 14 in Chicago.
        t.clock.set(Date(timeIntervalSince1970: 1_749_958_200))
        try t.store.updateSettings(StoreSettings(timeZoneID: "America/Chicago"), by: TestStore.admin)
        #expect(try t.store.today() == LocalDate(year: 2025, month: 6, day: 14))
        try t.store.updateSettings(StoreSettings(timeZoneID: "Europe/Paris"), by: TestStore.admin)
        #expect(try t.store.today() == LocalDate(year: 2025, month: 6, day: 15))
    }

    @Test func theAuditLogRefusesUpdateAndDelete() throws {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "A"), by: TestStore.admin)
        let queue = t.raw()
        #expect(throws: SQLError.self) {
            try queue.write { try $0.execute(sql: "UPDATE audit_log SET summary = 'nothing happened'") }
        }
        #expect(throws: SQLError.self) {
            try queue.write { try $0.execute(sql: "DELETE FROM audit_log") }
        }
        #expect(try t.store.auditLog().count == 1)
    }

    @Test func auditFiltersByUserActionAndTime() throws {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "A"), by: TestStore.admin)
        t.clock.advance(3600)
        let boss = Operator(username: "boss", role: .admin)
        try t.store.updateSettings(StoreSettings(storeName: "B"), by: boss)
        #expect(try t.store.auditLog(AuditFilter(username: "boss")).map(\.summary).count == 1)
        let all = try t.store.auditLog()
        #expect(all.map(\.username) == ["boss", "admin"])  // newest first
        let recent = try t.store.auditLog(AuditFilter(from: t.clock.now.addingTimeInterval(-60)))
        #expect(recent.map(\.username) == ["boss"])
        let page = try t.store.auditLog(AuditFilter(beforeID: all[0].id, limit: 1))
        #expect(page.map(\.id) == [all[1].id])
    }
}
