import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct HistoryLoadTests {
    @Test func historyLoadsAsRecordedWithinTheSchemasRules() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let day = LocalDate(year: 2025, month: 2, day: 3)!
        let at = Date(timeIntervalSince1970: 1_738_600_000)
        func punch(_ line: String?, source: PunchSource = .import, removed: Bool = false) -> Punch {
            Punch(cardID: 0, upc: upc("01234567890"), itemDescription: "", purchaseDate: day, source: source,
                  recordedBy: "cashier", recordedAt: at, saleID: line.map { _ in "S1" }, saleLineID: line,
                  removal: removed ? PunchRemoval(removedAt: at, removedBy: "manager", reason: "oops") : nil)
        }
        // Two units of one sale line on a redeemed card, plus a removed punch; an open card.
        let redeemed = HistoricalCard(customerID: sally.id, programID: dog.id,
                                      punches: [punch("L1"), punch("L1"), punch(nil, source: .counter), punch(nil, removed: true)],
                                      redemption: .init(at: at, by: "cashier", rewardUPC: upc("01234567891")))
        let open = HistoricalCard(customerID: sally.id, programID: dog.id, punches: [punch(nil, source: .counter)], note: "n")
        try t.store.loadHistory(facts: [HistoricalCustomerFacts(customerID: sally.id, pets: [Pet(name: "Rex", species: "dog")],
                                                                lightspeedCustomerID: "LS-1")],
                                cards: [redeemed, open],
                                points: [PointsEntry(customerID: sally.id, delta: 12, kind: .sale, saleID: "S1", createdAt: at,
                                                     createdBy: "cashier")],
                                by: TestStore.admin)
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        let cards = detail.programs[0].cards
        #expect(cards.map(\.card.state) == [.redeemed, .open])
        #expect(cards[0].punches.count == 4 && cards[0].countingPunches == 3)
        #expect(cards[0].punches.allSatisfy { $0.itemDescription == "MeNow Munchies 12 lb" })
        #expect(detail.pointsBalance == 12 && detail.pets.count == 1 && detail.customer.lightspeedCustomerID == "LS-1")
        // A redeemed card that is not full is refused, and nothing of that load stays.
        let bad = HistoricalCard(customerID: sally.id, programID: dog.id, punches: [punch(nil)],
                                 redemption: .init(at: at, by: "x", rewardUPC: upc("01234567891")))
        #expect(throws: StoreError.self) {
            try t.store.loadHistory(facts: [], cards: [open, bad], points: [], by: TestStore.admin)
        }
        #expect(try t.store.customerDetail(id: sally.id)?.programs[0].cards.count == 2)
        #expect(try t.store.customerCount() == 1)
    }
}
