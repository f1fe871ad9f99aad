import Foundation
import GRDB
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct MergeTests {
    let munchies = upc("01234567890")

    func counts(_ t: TestStore) throws -> (punches: Int, cards: Int, points: Int, pets: Int) {
        try t.dbQueue().read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM punches")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM cards")!,
             try Int.fetchOne(db, sql: "SELECT coalesce(sum(delta), 0) FROM points_entries")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM pets")!)
        }
    }

    @Test func everythingMovesToThePrimaryAndTheDuplicateIsKeptMerged() throws {
        let (t, dog, cat, sally) = try TestStore.withPrograms()
        let dup = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Owner", email: "sally@example.com"),
                                          pets: [Pet(name: "Rex", species: "dog")], by: TestStore.cashier)
        try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: TestStore.cashier)
        try t.store.recordPurchase(customer: dup.id, upc: munchies, quantity: 4, by: TestStore.cashier)
        try t.store.recordPurchase(customer: dup.id, upc: upc("07000000001"), by: TestStore.cashier)
        let removable = try t.store.recordPurchase(customer: dup.id, upc: upc("07000000001"), by: TestStore.cashier)
        try t.store.removePunch(removable.punches[0].id, reason: "test", by: TestStore.manager)
        try t.store.earnPointsForSale(customer: dup.id, saleID: "S1", points: 40, by: TestStore.cashier)
        try t.store.earnPointsForSale(customer: sally.id, saleID: "S2", points: 5, by: TestStore.cashier)
        try t.store.linkLightspeed(customer: dup.id, to: "LS-9", by: TestStore.cashier)
        let before = try counts(t)

        let preview = try t.store.mergePreview(primary: sally.id, duplicate: dup.id)
        #expect(preview.movedPunches == 6 && preview.movedPoints == 40 && preview.cardsToMove.count == 3)
        #expect(throws: StoreError.notAllowed(action: "combine customers", needs: .manager)) {
            try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, by: TestStore.cashier)
        }
        try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, by: TestStore.manager)

        #expect(try counts(t) == before)
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        #expect(detail.pointsBalance == 45)
        #expect(detail.pets.map(\.name) == ["Rex"])
        #expect(detail.customer.email == "sally@example.com" && detail.customer.phone == "5558675309")
        #expect(detail.customer.lightspeedCustomerID == "LS-9")
        #expect(detail.programs.first { $0.program.id == dog.id }?.cards.flatMap(\.punches).count == 6)
        #expect(detail.programs.first { $0.program.id == cat.id }?.cards.flatMap(\.punches).count == 2)
        // The duplicate stays, leads to the primary, and is gone from lookup.
        #expect(try t.store.customer(id: dup.id)?.id == sally.id)
        #expect(try t.store.customerDetail(id: dup.id)?.requestedID == dup.id)
        #expect(try t.store.searchCustomers("sally").map(\.id) == [sally.id])
        #expect(try t.store.searchCustomers("sally@").map(\.id) == [sally.id])
        #expect(try t.store.auditLog(AuditFilter(customerID: dup.id, action: .customerMerge)).count == 1)
        #expect(throws: StoreError.customerMerged(id: dup.id, into: sally.id)) {
            try t.store.recordPurchase(customer: dup.id, upc: munchies, by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) { try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, by: TestStore.manager) }
        #expect(try t.store.integrityCheck().isEmpty)
    }

    @Test func twoLightspeedLinksNeedAChoice() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let dup = try t.store.addCustomer(CustomerDraft(firstName: "S", lastName: "Owner"), by: TestStore.cashier)
        try t.store.linkLightspeed(customer: sally.id, to: "LS-1", by: TestStore.cashier)
        try t.store.linkLightspeed(customer: dup.id, to: "LS-2", by: TestStore.cashier)
        #expect(throws: StoreError.mergeRule(.lightspeedChoiceRequired(primary: "LS-1", duplicate: "LS-2"))) {
            try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, by: TestStore.manager)
        }
        try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, linkChoice: .keepDuplicate, by: TestStore.manager)
        #expect(try t.store.customer(id: sally.id)?.lightspeedCustomerID == "LS-2")
        #expect(try t.store.customer(lightspeedID: "LS-1") == nil)
        #expect(try t.store.auditLog(AuditFilter(customerID: sally.id, action: .customerMerge)).first?.summary.contains("LS-1 → LS-2") == true)
    }

    @Test func joiningTwoOpenCardsKeepsEveryPunch() throws {
        let (t, _, cat, sally) = try TestStore.withPrograms()
        let dup = try t.store.addCustomer(CustomerDraft(firstName: "S", lastName: "Owner"), by: TestStore.cashier)
        let a = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), quantity: 5, by: TestStore.cashier)
        let b = try t.store.recordPurchase(customer: dup.id, upc: upc("07000000001"), quantity: 4, by: TestStore.cashier)
        let kept = a.punches[0].cardID, absorbed = b.punches[0].cardID
        try t.store.mergeCustomers(primary: sally.id, duplicate: dup.id, joins: [CardJoin(kept: kept, absorbed: absorbed)],
                                   by: TestStore.manager)
        let cards = try #require(try t.store.customerDetail(id: sally.id)?.programs.first { $0.program.id == cat.id }?.cards)
        #expect(cards.map(\.countingPunches) == [9])
        #expect(try t.store.card(id: absorbed) == nil)
    }
}
