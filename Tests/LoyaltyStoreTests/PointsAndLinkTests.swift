import Foundation
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

@Suite struct PointsAndLinkTests {
    @Test func salePointsAreEarnedOnceAndAdjustedWhenTheTotalChanges() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        #expect(try t.store.earnPointsForSale(customer: sally.id, saleID: "100", points: 30, by: TestStore.cashier) == 30)
        #expect(try t.store.earnPointsForSale(customer: sally.id, saleID: "100", points: 30, by: TestStore.cashier) == 0)
        #expect(try t.store.earnPointsForSale(customer: sally.id, saleID: "100", points: 25, by: TestStore.cashier) == -5)
        #expect(try t.store.pointsBalance(customer: sally.id) == 25)
        try t.store.refundPoints(customer: sally.id, refundSaleID: "101", points: 10, by: TestStore.cashier)
        #expect(throws: StoreError.self) {
            try t.store.refundPoints(customer: sally.id, refundSaleID: "101", points: 10, by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) {
            try t.store.adjustPoints(customer: sally.id, delta: 5, reason: "goodwill", by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) {
            try t.store.adjustPoints(customer: sally.id, delta: 5, reason: " ", by: TestStore.manager)
        }
        try t.store.adjustPoints(customer: sally.id, delta: 5, reason: "goodwill", by: TestStore.manager)
        #expect(try t.store.pointsBalance(customer: sally.id) == 20)
        #expect(try t.store.salesWithPoints(["100", "101", "999"]) == ["100"])
        #expect(try t.store.pointsEntries(customer: sally.id).map(\.kind) == [.adjustment, .refund, .adjustment, .sale])
        #expect(try t.store.auditLog(AuditFilter(action: .pointsAdjust)).first?.summary.contains("points 15 → 20") == true)
    }

    @Test func pointsRewardsNeedTheBalance() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let toy = try t.store.setPointsReward(name: "Squeaky toy", cost: 50, by: TestStore.admin)
        #expect(throws: StoreError.self) { try t.store.setPointsReward(name: "x", cost: 5, by: TestStore.manager) }
        try t.store.earnPointsForSale(customer: sally.id, saleID: "1", points: 40, by: TestStore.cashier)
        #expect(throws: StoreError.pointsRule(.balanceTooLow(balance: 40, cost: 50))) {
            try t.store.redeemPointsReward(customer: sally.id, reward: toy.id, by: TestStore.cashier)
        }
        try t.store.earnPointsForSale(customer: sally.id, saleID: "2", points: 15, by: TestStore.cashier)
        try t.store.redeemPointsReward(customer: sally.id, reward: toy.id, by: TestStore.cashier)
        #expect(try t.store.pointsBalance(customer: sally.id) == 5)
        #expect(try t.store.pointsRewards().map(\.name) == ["Squeaky toy"])
        #expect(try t.store.searchCustomers("sally").first?.pointsBalance == 5)
    }

    @Test func lightspeedTokensRotateAtomically() throws {
        let t = try TestStore()
        #expect(try t.store.lightspeedConnection() == nil)
        let expiry = Date(timeIntervalSince1970: 1_800_000_000)
        try t.store.connectLightspeed(LightspeedConnection(accountID: "12345", accountName: "Paws & Claws",
                                                           accessToken: "acc-1", refreshToken: "ref-1", accessExpiresAt: expiry),
                                      by: TestStore.admin)
        #expect(try t.store.storeLightspeedTokens(accessToken: "acc-2", refreshToken: "ref-2", accessExpiresAt: expiry,
                                                  replacing: "ref-1"))
        // A second counter that still holds ref-1 loses the race and must re-read.
        #expect(try !t.store.storeLightspeedTokens(accessToken: "acc-x", refreshToken: "ref-x", accessExpiresAt: expiry,
                                                   replacing: "ref-1"))
        let connection = try #require(try t.store.lightspeedConnection())
        #expect(connection.accessToken == "acc-2" && connection.refreshToken == "ref-2" && connection.accountName == "Paws & Claws")
        #expect(try t.store.auditLog().allSatisfy { !$0.summary.contains("acc-") && !$0.details.contains("ref-") })
        #expect(throws: StoreError.self) { try t.store.disconnectLightspeed(by: TestStore.manager) }
        try t.store.disconnectLightspeed(by: TestStore.admin)
        #expect(try t.store.lightspeedConnection() == nil)
        try t.store.recordRefusedButtonRequest(reason: "bad signature", details: ["saleID": "7"])
        #expect(try t.store.auditLog(AuditFilter(action: .buttonRefused)).count == 1)
    }

    @Test(.enabled(if: TestStore.isSQLite, "SQLite's online backup")) func backupIsAConsistentOwnerOnlyCopy() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 2, by: TestStore.cashier)
        let target = t.folder.appendingPathComponent("backups/copy.sqlite").path
        try t.store.backup(to: target, by: TestStore.admin)
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let copy = try LoyaltyStore(path: target, hasher: .insecureForTests)
        #expect(try copy.integrityCheck().isEmpty)
        #expect(try copy.punches(customer: sally.id).count == 2)
        #expect(try copy.searchCustomers("sally").map(\.id) == [sally.id])
        #expect(throws: StoreError.self) { try t.store.backup(to: target) }
        #expect(try t.store.auditLog(AuditFilter(action: .backup)).count == 1)
    }
}
