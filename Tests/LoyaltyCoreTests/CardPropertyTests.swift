import Foundation
import Testing
import PropertyBased
@testable import LoyaltyCore

/// Issue 9's "a card never holds more than N punches", over random cards, quantities and picks.
@Suite struct CardPropertyTests {
    // (count, state index) per card; N; quantity; picked card index or −1.
    static let cards = zip(Gen.int(in: 0...14), Gen.int(in: 0...2)).array(of: 0...5)

    @Test func fillingNeverOverfillsAndPlacesEveryUnit() async {
        await propertyCheck(count: 500, input: Self.cards, Gen.int(in: 1...13), Gen.int(in: 1...40), Gen.int(in: -1...5)) {
            specs, n, quantity, pick in
            let slots = specs.enumerated().map { i, s in
                CardSlot(cardID: Int64(i), createdAt: Date(timeIntervalSince1970: Double(100 - i)),
                         countingPunches: min(s.0, n), state: [.open, .complete, .redeemed][s.1])
            }
            let open = slots.filter { $0.state != .redeemed && $0.countingPunches < n }
            let picked: Int64? = pick >= 0 && pick < slots.count ? Int64(pick) : nil
            let plan: FillPlan
            do {
                plan = try CardFilling.plan(punchesRequired: n, cards: slots, quantity: quantity, pickedCardID: picked)
            } catch {
                #expect(error as? CardFillingError == .pickedCardNotOpen(picked ?? -1))
                #expect(!open.contains { $0.cardID == picked })
                return
            }
            #expect(plan.placements.map(\.unit) == Array(0..<quantity))
            var completed = 0
            for (target, units) in plan.unitsByTarget {
                switch target {
                case .existing(let id):
                    let slot = open.first { $0.cardID == id }!
                    #expect(slot.countingPunches + units <= n)
                    if slot.countingPunches + units == n { completed += 1 }
                case .new(let index):
                    #expect(index < plan.newCardCount && units <= n)
                    if units == n { completed += 1 }
                }
            }
            #expect(completed == plan.completedCount)
            // New cards only once every open card is full.
            if plan.newCardCount > 0 {
                #expect(open.allSatisfy { slot in slot.countingPunches + (plan.unitsByTarget[.existing(slot.cardID)] ?? 0) == n })
            }
            if let picked, quantity > 0 { #expect(plan.placements[0].target == .existing(picked)) }
            if picked == nil, let oldest = open.min(by: { ($0.createdAt, $0.cardID) < ($1.createdAt, $1.cardID) }) {
                #expect(plan.placements[0].target == .existing(oldest.cardID))
            }
        }
    }

    @Test func splitKeepsEveryPunch() async {
        await propertyCheck(count: 300, input: Gen.int(in: 2...15), Gen.int(in: 0...((1 << 15) - 1))) { count, mask in
            let punches = (0..<count).map { i in
                Punch(id: Int64(i), cardID: 1, upc: nil, itemDescription: "", purchaseDate: day("2019-04-02"),
                      source: .counter, recordedBy: "amy", recordedAt: Date(timeIntervalSince1970: 0))
            }
            let chosen = Set((0..<count).filter { mask & (1 << $0) != 0 }.map(Int64.init))
            let card = CardStatus(cardID: 1, state: count >= 10 ? .complete : .open, countingPunches: count, punchesRequired: 10)
            guard let plan = try? CardSplit.plan(card: card, punches: punches, moving: chosen) else {
                #expect(chosen.isEmpty || chosen.count == count)
                return
            }
            #expect(plan.remainingCount + plan.newCardCount == count)
            #expect(plan.remainingCount >= 1 && plan.newCardCount >= 1)
            #expect(Set(plan.movingPunchIDs) == chosen)
        }
    }
}
