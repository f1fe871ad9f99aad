import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// "Changed in Lightspeed" on a real store file: a change is kept once, applying removes exactly the named
/// punches and takes the points back in one transaction with one audit entry, once; roles are asked again here.
@Suite struct LightspeedChangeStoreTests {
    let munchies = upc("01234567890")
    let litter = upc("07000000001")

    /// Sally with sale 900 recorded (2 × MeNow on line L1, 1 × litter on L2: 3 punches, 75 points) on a store
    /// that runs points.
    func world() throws -> (TestStore, Customer, [Punch]) {
        let (t, _, _, sally) = try TestStore.withPrograms()
        try t.store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago", pointsEnabled: true),
                                   by: TestStore.admin)
        let at = Date(timeIntervalSince1970: 1_764_600_000)
        let lines = [SaleLine(saleID: "900", saleLineID: "L1", completedAt: at, upc: munchies, description: "MeNow Munchies 12 lb", quantity: 2),
                     SaleLine(saleID: "900", saleLineID: "L2", completedAt: at, upc: litter, description: "Scoop Litter 20 lb", quantity: 1)]
        let recorded = try t.store.recordRealtimeSale(customer: sally.id, saleID: "900", lines: lines, salePoints: 75,
                                                      by: TestStore.cashier)
        #expect(recorded.punches.count == 3)
        return (t, sally, recorded.punches)
    }

    func refundOfOneMeNow(_ saleID: String = "R1", line: String = "RL1") -> LightspeedChangeFinding {
        LightspeedChangeFinding(kind: .refund, saleID: saleID, happenedAt: Date(timeIntervalSince1970: 1_764_700_000),
                                lines: [RefundedLine(refundSaleLineID: line, parentSaleLineID: "L1", units: 1,
                                                     description: "MeNow Munchies 12 lb")],
                                refundedCents: 3499)
    }

    func counting(_ t: TestStore, _ customer: Int64) throws -> [Int64] {
        try t.store.punches(customer: customer).filter(\.counts).map(\.id).sorted()
    }

    @Test func aRefundIsQueuedOnceNamingTheNewestUnitOfItsLineAndNothingChangesUntilApplied() throws {
        let (t, sally, punches) = try world()
        let change = try #require(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        let newestMeNow = punches.filter { $0.saleLineID == "L1" }.map(\.id).max()!
        #expect(change.state == .open && change.customerID == sally.id && change.originalSaleIDs == ["900"])
        #expect(change.plan.removals == [newestMeNow])
        #expect(change.points == 34 && change.plan.pointsBack == 34)
        // Stored once: the same refund (a replayed page, a second watcher) adds nothing.
        #expect(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier) == nil)
        // Its line, carried by another sale ID, is not kept twice either.
        #expect(try t.store.queueLightspeedChange(refundOfOneMeNow("R1b"), by: TestStore.cashier) == nil)
        #expect(try t.store.lightspeedChanges().map(\.id) == [change.id])
        #expect(try t.store.openLightspeedChangeCount() == 1)
        // Nothing is removed without a person.
        #expect(try counting(t, sally.id).count == 3)
        #expect(try t.store.pointsBalance(customer: sally.id) == 75)
    }

    @Test func aRefundOfLinesNeverRecordedHereQueuesNothing() throws {
        let (t, _, _) = try world()
        let stranger = LightspeedChangeFinding(kind: .refund, saleID: "R9", happenedAt: Date(),
                                               lines: [RefundedLine(refundSaleLineID: "RL9", parentSaleLineID: "L77", units: 1,
                                                                    description: "")], refundedCents: 500)
        #expect(try t.store.queueLightspeedChange(stranger, by: TestStore.cashier) == nil)
        #expect(try t.store.queueLightspeedChange(LightspeedChangeFinding(kind: .void, saleID: "777", happenedAt: Date()),
                                                  by: TestStore.cashier) == nil)
        // Positive control: a refund of a recorded line is queued.
        #expect(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier) != nil)
        #expect(try t.store.lightspeedChanges().count == 1)
    }

    @Test func applyingRemovesExactlyThosePunchesAndPointsOnceInOneAuditEntry() throws {
        let (t, sally, punches) = try world()
        let change = try #require(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        let named = change.plan.removals
        let auditBefore = try t.store.auditLog(AuditFilter(limit: 1000)).count

        // A cashier is refused by the store itself; nothing changes.
        #expect(throws: StoreError.notAllowed(action: "apply a change from Lightspeed", needs: .manager)) {
            try t.store.applyLightspeedChange(change.id, by: TestStore.cashier)
        }
        #expect(try counting(t, sally.id).count == 3)

        let applied = try t.store.applyLightspeedChange(change.id, by: TestStore.manager)
        #expect(applied.removedPunchIDs == named && applied.pointsTakenBack == 34)
        #expect(applied.change.state == .applied && applied.change.resolvedBy == "manager")
        #expect(try counting(t, sally.id) == punches.map(\.id).filter { !named.contains($0) }.sorted())
        let removed = try #require(try t.store.punches(customer: sally.id).first { $0.id == named[0] })
        #expect(removed.removal?.reason == "Refunded in Lightspeed (sale R1)" && removed.removal?.removedBy == "manager")
        #expect(try t.store.pointsBalance(customer: sally.id) == 75 - 34)
        let entries = try t.store.auditLog(AuditFilter(limit: 1000))
        #expect(entries.count == auditBefore + 1, "one audit entry for the whole change")
        #expect(entries.first?.action == AuditAction.lightspeedChangeApply.rawValue)
        #expect(try t.store.openLightspeedChangeCount() == 0)

        // A second apply is refused and changes nothing.
        #expect(throws: StoreError.self) { try t.store.applyLightspeedChange(change.id, by: TestStore.manager) }
        #expect(try t.store.pointsBalance(customer: sally.id) == 75 - 34)
        #expect(try counting(t, sally.id).count == 2)
        #expect(try t.store.auditLog(AuditFilter(limit: 1000)).count == auditBefore + 1)
    }

    @Test func aVoidTakesEveryPunchAndTheSalesPointsAndACompleteCardOpensAgain() throws {
        let (t, sally, punches) = try world()
        // A third MeNow bag from another sale fills the card (buy 3).
        try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        let change = try #require(try t.store.queueLightspeedChange(
            LightspeedChangeFinding(kind: .void, saleID: "900", happenedAt: Date()), by: TestStore.cashier))
        #expect(change.plan.removals == punches.map(\.id).sorted())
        #expect(change.plan.units.first.map { if case .remove(let c) = $0.effect { c.stateBefore == .complete && c.stateAfter == .open } else { false } } == true)
        #expect(change.points == 75)
        let applied = try t.store.applyLightspeedChange(change.id, by: TestStore.manager)
        #expect(applied.removedPunchIDs.count == 3)
        #expect(try counting(t, sally.id).count == 1, "only the counter scan of the other sale stays")
        #expect(try t.store.pointsBalance(customer: sally.id) == 0)
        #expect(try t.store.punches(customer: sally.id).filter { $0.removal?.reason == "Voided in Lightspeed (sale 900)" }.count == 3)
    }

    @Test func aPunchOnARedeemedCardIsKeptAndOnlyThePointsPartApplies() throws {
        let (t, sally, _) = try world()
        try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        let card = try #require(try t.store.punches(customer: sally.id).first { $0.saleLineID == "L1" }?.cardID)
        try t.store.redeem(card: card, rewardUPC: munchies, funding: .storeFunded, by: TestStore.cashier)
        let change = try #require(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        #expect(change.plan.removals.isEmpty && change.plan.keptOnRedeemedCards == 1 && change.state == .open)
        let applied = try t.store.applyLightspeedChange(change.id, by: TestStore.manager)
        #expect(applied.removedPunchIDs.isEmpty && applied.keptOnRedeemedCards == 1 && applied.pointsTakenBack == 34)
        #expect(try counting(t, sally.id).count == 4)
        #expect(try t.store.pointsBalance(customer: sally.id) == 75 - 34)
    }

    @Test func aChangeTheRefundButtonAlreadyHandledClosesWithoutTouchingAnything() throws {
        let (t, sally, _) = try world()
        let change = try #require(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        // Meanwhile the Refund button: points back at the press, then the question's Y removes the punch.
        try t.store.refundPoints(customer: sally.id, refundSaleID: "R1", points: 34, by: TestStore.cashier)
        try t.store.removePunches(change.plan.removals, reason: "Refunded in Lightspeed (sale R1)", by: TestStore.manager)
        let now = try t.store.lightspeedChange(id: change.id)
        #expect(now.plan.nothingLeft && now.plan.alreadyRemoved == 1 && now.plan.pointsAlreadyBack)
        let balance = try t.store.pointsBalance(customer: sally.id)
        let applied = try t.store.applyLightspeedChange(change.id, by: TestStore.manager)
        #expect(applied.change.state == .handled && applied.removedPunchIDs.isEmpty && applied.pointsTakenBack == 0)
        #expect(try t.store.pointsBalance(customer: sally.id) == balance)
        // Found already handled: kept as handled, never asked about.
        let (u, ursula, _) = try world()
        let unitPunch = try #require(try u.store.punches(customer: ursula.id).filter { $0.saleLineID == "L1" }.map(\.id).max())
        try u.store.refundPoints(customer: ursula.id, refundSaleID: "R1", points: 34, by: TestStore.cashier)
        try u.store.removePunches([unitPunch], reason: "Refunded in Lightspeed (sale R1)", by: TestStore.manager)
        let found = try #require(try u.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        #expect(found.state == .handled && found.plan.units.map(\.punch.id) == [unitPunch])
        #expect(try u.store.openLightspeedChangeCount() == 0)
    }

    @Test func dismissingNeedsAReasonAndAManagerAndChangesNothing() throws {
        let (t, sally, _) = try world()
        let change = try #require(try t.store.queueLightspeedChange(refundOfOneMeNow(), by: TestStore.cashier))
        #expect(throws: StoreError.invalid("Say why the change is dismissed.")) {
            try t.store.dismissLightspeedChange(change.id, reason: "  ", by: TestStore.manager)
        }
        #expect(throws: StoreError.notAllowed(action: "dismiss a change from Lightspeed", needs: .manager)) {
            try t.store.dismissLightspeedChange(change.id, reason: "price match", by: TestStore.cashier)
        }
        let dismissed = try t.store.dismissLightspeedChange(change.id, reason: "price match, item kept", by: TestStore.manager)
        #expect(dismissed.state == .dismissed && dismissed.note == "price match, item kept")
        #expect(try counting(t, sally.id).count == 3 && t.store.pointsBalance(customer: sally.id) == 75)
        #expect(try t.store.auditLog(AuditFilter(limit: 1)).first?.action == AuditAction.lightspeedChangeDismiss.rawValue)
        #expect(throws: StoreError.self) { try t.store.applyLightspeedChange(change.id, by: TestStore.manager) }
    }
}
