import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct MergeTests {
    let munchies = upc("01234567890")

    func counts(_ t: TestStore) throws -> (punches: Int, cards: Int, points: Int, pets: Int) {
        try t.raw().read { db in
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
        if TestStore.isSQLite { #expect(try t.store.integrityCheck().isEmpty) }
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

    /// Property: whatever cards two customers hold (open, complete, split over several cards, some punches removed)
    /// and whichever open cards are joined, a merge moves every punch row to the primary — counted in the table
    /// before and after, not taken from the plan — or, when refused, changes nothing. Seeded, so a failure replays.
    @Test func mergeNeverLosesPunches() throws {
        let (t, dog, cat, _) = try TestStore.withPrograms()
        let litter = upc("07000000001")
        var rng = SeededRandom(seed: 2026)
        func count(_ sql: String, _ arguments: SQLArguments = []) throws -> Int {
            try t.raw().read { try Int.fetchOne($0, sql: sql, arguments: arguments)! }
        }
        let ofCustomer = "SELECT count(*) FROM punches p JOIN cards c ON c.id = p.card_id WHERE c.customer_id = ?"
        var merged = 0, refused = 0, joined = 0
        for round in 0..<24 {
            let pair = try (0..<2).map { side in
                try t.store.addCustomer(CustomerDraft(firstName: "R\(round)", lastName: "Side \(side)"), by: TestStore.cashier)
            }
            for customer in pair {
                for product in [munchies, litter] {
                    let quantity = Int.random(in: 0...8, using: &rng)
                    if quantity > 0 {
                        let bought = try t.store.recordPurchase(customer: customer.id, upc: product, quantity: quantity,
                                                                by: TestStore.cashier)
                        if Int.random(in: 0..<3, using: &rng) == 0 {
                            try t.store.removePunch(bought.punches[0].id, reason: "returned", by: TestStore.manager)
                        }
                    }
                }
            }
            // Join the two open litter cards (N = 12) half the time: sometimes too many punches for one card.
            func openCard(_ customer: Int64, _ program: Int64) throws -> Int64? {
                try t.raw().read {
                    try Int64.fetchOne($0, sql: "SELECT id FROM cards WHERE customer_id = ? AND program_id = ? AND state = 'open'",
                                       arguments: [customer, program])
                }
            }
            var joins: [CardJoin] = []
            if Bool.random(using: &rng), let kept = try openCard(pair[0].id, cat.id), let absorbed = try openCard(pair[1].id, cat.id) {
                joins.append(CardJoin(kept: kept, absorbed: absorbed))
            }
            let before = (primary: try count(ofCustomer, [pair[0].id]), duplicate: try count(ofCustomer, [pair[1].id]),
                          all: try count("SELECT count(*) FROM punches"),
                          counting: try count("SELECT count(*) FROM punches WHERE removed_at IS NULL"))
            do {
                try t.store.mergeCustomers(primary: pair[0].id, duplicate: pair[1].id, joins: joins, by: TestStore.manager)
                merged += 1
                joined += joins.count
                #expect(try count(ofCustomer, [pair[0].id]) == before.primary + before.duplicate, "round \(round)")
                #expect(try count(ofCustomer, [pair[1].id]) == 0, "round \(round)")
            } catch StoreError.mergeRule(.joinExceedsCard) {
                refused += 1
                #expect(try count(ofCustomer, [pair[0].id]) == before.primary, "round \(round)")
                #expect(try count(ofCustomer, [pair[1].id]) == before.duplicate, "round \(round)")
                #expect(try t.store.customer(id: pair[1].id)?.mergedInto == nil)
            }
            #expect(try count("SELECT count(*) FROM punches") == before.all, "round \(round): a punch row vanished")
            #expect(try count("SELECT count(*) FROM punches WHERE removed_at IS NULL") == before.counting, "round \(round)")
        }
        _ = dog
        // Both paths ran, and joins among the merges: the property was exercised, not skipped.
        #expect(merged > 0 && refused > 0 && joined > 0, "\(merged) merged (\(joined) with a join), \(refused) refused")
        if TestStore.isSQLite { #expect(try t.store.integrityCheck().isEmpty) }
    }
}

/// SplitMix64: a small seeded generator, so a property failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
