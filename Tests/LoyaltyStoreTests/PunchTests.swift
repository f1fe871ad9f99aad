import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct PunchTests {
    let munchies = upc("01234567890")

    @Test func purchaseFillsTheOldestCardThenOpensNewOnes() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let first = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: TestStore.cashier)
        #expect(first.punches.count == 2 && first.completedCardIDs.isEmpty && first.newCardIDs.count == 1)
        let second = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 5, by: TestStore.cashier)
        // 1 completes the first card, 3 fill a new card, 1 starts a third.
        #expect(second.completedCardIDs.count == 2)
        #expect(second.newCardIDs.count == 2)
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        let cards = try #require(detail.programs.first { $0.program.id == dog.id }).cards
        #expect(cards.map(\.card.state) == [.complete, .complete, .open])
        #expect(cards.map(\.countingPunches) == [3, 3, 1])
        #expect(detail.todaysPurchases.count == 7)
        #expect(detail.today == (try t.store.today()))
        let summary = try #require(try t.store.searchCustomers("sally").first)
        #expect(summary.openCards == 1 && summary.rewardsReady == 2)
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .purchase)).first)
        #expect(entry.summary.contains("counter 5 × MeNow Munchies 12 lb") && entry.customerID == sally.id)
    }

    @Test func unknownUPCAndBadQuantitiesAreRefused() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        #expect(throws: StoreError.upcNotInAnyProgram(upc("05555555555"))) {
            try t.store.recordPurchase(customer: sally.id, upc: upc("05555555555"), by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) {
            try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 0, by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) {
            try t.store.recordPurchase(customer: sally.id, upc: munchies, purchaseDate: LocalDate(year: 2999, month: 1, day: 1)!,
                                       by: TestStore.cashier)
        }
        #expect(try t.store.punches(customer: sally.id).isEmpty)
    }

    @Test func preferredCardTakesThePunch() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: TestStore.cashier)
        let card = try #require(try t.store.customerDetail(id: sally.id)?.programs.first?.cards.first)
        let moved = try t.store.splitCard(card: card.card.id, moving: [card.punches[1].id], by: TestStore.cashier)
        let result = try t.store.recordPurchase(customer: sally.id, upc: munchies, preferredCardID: moved.id, by: TestStore.cashier)
        #expect(result.punches.first?.cardID == moved.id)
        _ = dog
    }

    @Test func redeemAndUndo() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let result = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 3, by: TestStore.cashier)
        let cardID = try #require(result.completedCardIDs.first)
        #expect(throws: StoreError.self) {
            try t.store.redeem(card: cardID, rewardUPC: upc("07000000001"), by: TestStore.cashier)
        }
        try t.store.redeem(card: cardID, rewardUPC: upc("01234567891"), by: TestStore.cashier)
        var card = try #require(try t.store.card(id: cardID))
        #expect(card.card.state == .redeemed && card.card.redeemedBy == "cashier" && card.card.rewardUPC == upc("01234567891"))
        // A redeemed card takes no punch and gives no punch back.
        #expect(throws: StoreError.cardRule(.cardRedeemed)) {
            try t.store.removePunch(card.punches[0].id, reason: "wrong", by: TestStore.manager)
        }
        #expect(throws: StoreError.notAllowed(action: "undo a redemption", needs: .manager)) {
            try t.store.undoRedemption(card: cardID, by: TestStore.cashier)
        }
        try t.store.undoRedemption(card: cardID, by: TestStore.manager)
        card = try #require(try t.store.card(id: cardID))
        #expect(card.card.state == .complete && card.card.rewardUPC == nil)
        try t.store.removePunch(card.punches[0].id, reason: "customer returned the bag", by: TestStore.manager)
        card = try #require(try t.store.card(id: cardID))
        #expect(card.card.state == .open && card.countingPunches == 2 && card.punches.count == 3)
        let removal = try #require(card.punches.first { $0.removal != nil }?.removal)
        #expect(removal.removedBy == "manager" && removal.reason == "customer returned the bag")
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .punchRemove)).first)
        #expect(entry.summary.contains("3/3 → 2/3, complete → open"))
        #expect(throws: StoreError.self) { try t.store.redeem(card: cardID, rewardUPC: munchies, by: TestStore.cashier) }
    }

    @Test func managerOverrideIsRecordedUnderBothNames() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let result = try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        #expect(throws: StoreError.notAllowed(action: "remove a punch", needs: .manager)) {
            try t.store.removePunch(result.punches[0].id, reason: "x", by: TestStore.cashier)
        }
        let approved = Operator(username: "cashier", role: .cashier, approver: .init(username: "boss", role: .manager))
        try t.store.removePunch(result.punches[0].id, reason: "scanned twice", by: approved)
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .punchRemove)).first)
        #expect(entry.username == "cashier" && entry.approver == "boss")
    }

    @Test func undoTodaysPunchOnlyToday() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let today = try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        let old = try t.store.recordPurchase(customer: sally.id, upc: munchies, purchaseDate: LocalDate(year: 2025, month: 1, day: 2)!,
                                             by: TestStore.cashier)
        #expect(throws: StoreError.self) { try t.store.undoTodaysPunch(old.punches[0].id, by: TestStore.cashier) }
        try t.store.undoTodaysPunch(today.punches[0].id, by: TestStore.cashier)
        #expect(throws: StoreError.self) { try t.store.undoTodaysPunch(today.punches[0].id, by: TestStore.cashier) }
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        #expect(detail.todaysPurchases.isEmpty)
        #expect(try t.store.auditLog(AuditFilter(action: .punchUndo)).count == 1)
        // Tomorrow it is no longer "today's punch".
        let again = try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        t.clock.advance(86_400)
        #expect(throws: StoreError.self) { try t.store.undoTodaysPunch(again.punches[0].id, by: TestStore.cashier) }
    }

    @Test func exceptionsNeedAManagerAndAReason() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        #expect(throws: StoreError.self) {
            try t.store.addException(customer: sally.id, program: dog.id, upc: upc("05555555555"), description: "New bag",
                                     reason: .newItem, by: TestStore.cashier)
        }
        #expect(throws: StoreError.cardRule(.otherReasonNeedsText)) {
            try t.store.addException(customer: sally.id, program: dog.id, upc: nil, description: "New bag",
                                     reason: .other("  "), by: TestStore.manager)
        }
        let result = try t.store.addException(customer: sally.id, program: dog.id, upc: upc("05555555555"),
                                              description: "MeNow Munchies 30 lb", reason: .differentSize, by: TestStore.manager)
        let punch = try #require(result.punches.first)
        #expect(punch.source == .exception && punch.exceptionReason == "Different size")
        #expect(try t.store.customerDetail(id: sally.id)?.todaysPurchases.map(\.id) == [punch.id])
        #expect(try t.store.auditLog(AuditFilter(action: .exception)).first?.summary.contains("reason: Different size") == true)
    }

    @Test func paperCardConversion() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let first = LocalDate(year: 2025, month: 1, day: 5)!, last = LocalDate(year: 2025, month: 3, day: 9)!
        let cards = try t.store.convertPaperCard(customer: sally.id, program: dog.id, punches: 4, firstPurchase: first,
                                                 lastPurchase: last, by: TestStore.cashier)
        #expect(cards.map(\.state) == [.complete, .open])
        #expect(cards.allSatisfy { $0.note == "Paper card: first purchase 2025-01-05, last 2025-03-09" })
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        let punches = detail.programs[0].cards.flatMap(\.punches)
        #expect(punches.count == 4 && punches.allSatisfy { $0.source == .paper })
        #expect(detail.todaysPurchases.isEmpty)
        #expect(throws: StoreError.self) {
            try t.store.convertPaperCard(customer: sally.id, program: dog.id, punches: 2, firstPurchase: last, lastPurchase: first,
                                         by: TestStore.cashier)
        }
    }

    @Test func splitCardMovesChosenPunches() throws {
        let (t, _, cat, sally) = try TestStore.withPrograms()
        try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), quantity: 5, by: TestStore.cashier)
        let card = try #require(try t.store.customerDetail(id: sally.id)?.programs.first { $0.program.id == cat.id }?.cards.first)
        #expect(throws: StoreError.self) {
            try t.store.splitCard(card: card.card.id, moving: Set(card.punches.map(\.id)), by: TestStore.cashier)
        }
        let moving = Set(card.punches.prefix(2).map(\.id))
        let new = try t.store.splitCard(card: card.card.id, moving: moving, by: TestStore.cashier)
        #expect(new.splitFrom == card.card.id)
        #expect(try t.store.card(id: new.id)?.punches.map(\.id).sorted() == moving.sorted())
        #expect(try t.store.card(id: card.card.id)?.countingPunches == 3)
        #expect(try t.store.auditLog(AuditFilter(action: .cardSplit)).first?.summary.contains("5/12 split into 3/12") == true)
        try t.store.updateCardNote(card: new.id, note: "small bag", by: TestStore.cashier)
        #expect(try t.store.card(id: new.id)?.card.note == "small bag")
    }

    @Test func theSchemaKeepsCardsAtNAndPunchesForever() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let result = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 3, by: TestStore.cashier)
        let cardID = try #require(result.completedCardIDs.first)
        let q = t.raw()
        #expect(throws: SQLError.self) {
            try q.write { try $0.execute(sql: """
                INSERT INTO punches (card_id, description, purchase_date, source, recorded_by, recorded_at)
                VALUES (?, 'sneaky', '2025-01-01', 'counter', 'x', '2025-01-01')
                """, arguments: [cardID]) }
        }
        #expect(throws: SQLError.self) { try q.write { try $0.execute(sql: "DELETE FROM punches") } }
        #expect(throws: SQLError.self) {
            try q.write { try $0.execute(sql: "UPDATE cards SET state = 'redeemed' WHERE id = ?", arguments: [cardID]) }
        }
        #expect(throws: SQLError.self) {
            try q.write { try $0.execute(sql: "UPDATE punches SET source = 'exception' WHERE card_id = ?", arguments: [cardID]) }
        }
        #expect(throws: SQLError.self) {
            try q.write { try $0.execute(sql: "UPDATE punches SET purchase_date = '5 March' WHERE card_id = ?", arguments: [cardID]) }
        }
    }

    /// One scan of quantity 3 is one scan: its punches share the scan ID (the first punch's), a punch of another
    /// customer's scan made in between is not part of it, and a scan of one unit has none (a scan of its own).
    @Test func aScansPunchesShareOneScanID() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let bob = try t.store.addCustomer(CustomerDraft(firstName: "Bob", lastName: "Other"), by: TestStore.cashier)
        let litter = upc("07000000001")
        let three = try t.store.recordPurchase(customer: sally.id, upc: litter, quantity: 3, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: bob.id, upc: litter, quantity: 2, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: sally.id, upc: litter, by: TestStore.cashier)
        let ids = three.punches.map(\.id).sorted()
        #expect(three.punches.map(\.scanID) == Array(repeating: ids.first, count: 3))
        let stored = try t.store.punches(customer: sally.id)
        #expect(stored.filter { ids.contains($0.id) }.allSatisfy { $0.scanID == ids.first })
        #expect(stored.filter { !ids.contains($0.id) }.map(\.scanID) == [nil])
        let bobs = try t.store.punches(customer: bob.id)
        #expect(bobs.count == 2 && bobs.allSatisfy { $0.scanID == bobs.map(\.id).min() } && !bobs.contains { ids.contains($0.id) })
    }
}
