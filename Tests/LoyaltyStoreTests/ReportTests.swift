import Foundation
import LoyaltyCore
@testable import LoyaltyStore
import Testing

@Suite struct ReportTests {
    let june15 = LocalDate(year: 2025, month: 6, day: 15)!

    @Test func redemptionsCountByProgramInTheStoreLocalRange() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let food = upc("01234567890")
        // Three purchases fill the dog card (N = 3); redeem it on June 15 (store time).
        let result = try t.store.recordPurchase(customer: sally.id, upc: food, quantity: 3, by: TestStore.cashier)
        let card = try #require(result.completedCardIDs.first)
        try t.store.redeem(card: card, rewardUPC: food, by: TestStore.cashier)

        let rows = try t.store.redemptionsByProgram(from: june15, through: june15, by: TestStore.manager)
        #expect(rows == [RedemptionReportRow(programName: dog.name, manufacturer: "MeNow", location: "Paws", redemptions: 1)])
        // The day before and the day after hold none.
        #expect(try t.store.redemptionsByProgram(from: june15.adding(days: 1), through: june15.adding(days: 9),
                                                 by: TestStore.manager).isEmpty)
        #expect(try t.store.redemptionsByProgram(from: june15.adding(days: -5), through: june15.adding(days: -1),
                                                 by: TestStore.manager).isEmpty)
    }

    @Test func cardsCloseToCompleteListsOpenCardsWithinTwoPunches() throws {
        let (t, dog, cat, sally) = try TestStore.withPrograms()
        let bob = try t.store.addCustomer(CustomerDraft(firstName: "Bob", lastName: "Barker", phone: "555 000 1111"),
                                          by: TestStore.cashier)
        // Sally: 2/3 dog (1 to go) — listed. Bob: 1/12 cat — not; 10/12 cat — listed.
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 2, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: bob.id, upc: upc("07000000001"), quantity: 1, by: TestStore.cashier)
        let rows0 = try t.store.cardsCloseToComplete(within: 2, by: TestStore.manager)
        #expect(rows0.map(\.customerName) == ["Sally Pet Owner"])
        #expect(rows0.first?.programName == dog.name)
        #expect(rows0.first?.punches == 2)

        _ = try t.store.recordPurchase(customer: bob.id, upc: upc("07000000001"), quantity: 9, by: TestStore.cashier)
        let rows = try t.store.cardsCloseToComplete(within: 2, by: TestStore.manager)
        #expect(rows.map { "\($0.customerName) \($0.programName) \($0.punches)/\($0.punchesRequired)" }
                == ["Sally Pet Owner \(dog.name) 2/3", "Bob Barker \(cat.name) 10/12"])
    }

    @Test func punchesBySourceCountsPerDayAndLeavesRemovedOnesOut() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let litter = upc("07000000001")
        _ = try t.store.recordPurchase(customer: sally.id, upc: litter, quantity: 2, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: sally.id, upc: litter, quantity: 3, purchaseDate: june15.adding(days: -2),
                                       source: .import, by: TestStore.cashier)
        let undone = try t.store.recordPurchase(customer: sally.id, upc: litter, by: TestStore.cashier)
        try t.store.undoTodaysPunch(try #require(undone.punches.first).id, by: TestStore.cashier)

        let rows = try t.store.punchesBySource(from: june15.adding(days: -7), through: june15, by: TestStore.manager)
        #expect(rows == [PunchesBySourceRow(date: june15.adding(days: -2), source: .import, punches: 3),
                         PunchesBySourceRow(date: june15, source: .counter, punches: 2)])
        #expect(try t.store.punchesBySource(from: june15, through: june15, by: TestStore.manager).count == 1)
    }

    @Test func aCashierCannotReadReports() throws {
        let (t, _, _, _) = try TestStore.withPrograms()
        #expect(throws: StoreError.self) {
            try t.store.redemptionsByProgram(from: june15, through: june15, by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) { try t.store.cardsCloseToComplete(by: TestStore.cashier) }
        #expect(throws: StoreError.self) {
            try t.store.punchesBySource(from: june15, through: june15, by: TestStore.cashier)
        }
    }

    /// The report statements the store runs (captured through its statement trace) use their own indexes.
    @Test(.enabled(if: TestStore.isSQLite, "SQLite's query plans")) func reportQueriesUseTheirIndexes() throws {
        let (t, _, _, _) = try TestStore.withPrograms()
        let (traced, log) = try StatementLog.tracing(t)
        let from = LocalDate(year: 2025, month: 1, day: 1)!, through = LocalDate(year: 2025, month: 1, day: 31)!
        func plans(_ body: () throws -> Void) throws -> String {
            let statements = try log.capture(body)
            #expect(!statements.isEmpty)
            return try statements.map { try queryPlan(t, $0).joined(separator: "; ") }.joined(separator: " | ")
        }
        let redemptions = try plans { _ = try traced.redemptionsByProgram(from: from, through: through, by: TestStore.manager) }
        // The index must serve the date range itself, not only the state the partial index is built on.
        #expect(redemptions.contains("USING INDEX cards_redeemed_at (redeemed_at>"), "\(redemptions)")
        let bySource = try plans { _ = try traced.punchesBySource(from: from, through: through, by: TestStore.manager) }
        #expect(bySource.contains("punches_by_purchase_date (purchase_date>"), "\(bySource)")
    }

    @Test func anImportedBatchIsAllOrNothingAndNamesTheOtherProgram() throws {
        let (t, dog, cat, _) = try TestStore.withPrograms()
        let fresh = ProgramItem(programID: cat.id, upc: upc("07000000002"), description: "Scoop 40 lb", size: "40 lb")
        let taken = ProgramItem(programID: cat.id, upc: upc("01234567890"), description: "Munchies")
        #expect {
            try t.store.addProgramItems([fresh, taken], by: TestStore.admin)
        } throws: { error in
            guard let refused = error as? ProgramItemsRefused else { return false }
            return refused.refusals.map(\.index) == [1] && refused.refusals[0].reason.contains(dog.name)
        }
        #expect(try t.store.program(id: cat.id)?.items.count == 1)
        try t.store.addProgramItems([fresh], by: TestStore.admin)
        #expect(try t.store.program(id: cat.id)?.items.map(\.description).contains("Scoop 40 lb") == true)
        #expect(throws: StoreError.self) { try t.store.addProgramItems([fresh], by: TestStore.manager) }
    }
}
