import Foundation
import Testing
@testable import LoyaltyCore

@Suite struct CardFillingTests {
    let t0 = Date(timeIntervalSince1970: 1_000)
    let t1 = Date(timeIntervalSince1970: 2_000)

    @Test func firstPurchaseOpensANewCard() throws {
        let plan = try CardFilling.plan(punchesRequired: 10, cards: [], quantity: 1)
        #expect(plan.placements == [PunchPlacement(unit: 0, target: .new(0), completesCard: false)])
        #expect(plan.newCardCount == 1)
        #expect(plan.completedCount == 0)
    }

    @Test func oldestOpenCardFirstThenOverflowToNewCards() throws {
        let cards = [CardSlot(cardID: 7, createdAt: t1, countingPunches: 2, state: .open),
                     CardSlot(cardID: 5, createdAt: t0, countingPunches: 8, state: .open)]
        let plan = try CardFilling.plan(punchesRequired: 10, cards: cards, quantity: 16)
        #expect(plan.unitsByTarget == [.existing(5): 2, .existing(7): 8, .new(0): 6])
        #expect(plan.completedCardIDs == [5, 7])
        #expect(plan.newCardCount == 1)
        #expect(plan.completedNewCards == [])
        #expect(plan.placements[1] == PunchPlacement(unit: 1, target: .existing(5), completesCard: true))
    }

    @Test func pickedCardGoesFirst() throws {
        let cards = [CardSlot(cardID: 5, createdAt: t0, countingPunches: 3, state: .open),
                     CardSlot(cardID: 7, createdAt: t1, countingPunches: 2, state: .open)]
        let plan = try CardFilling.plan(punchesRequired: 10, cards: cards, quantity: 1, pickedCardID: 7)
        #expect(plan.placements.map(\.target) == [.existing(7)])
    }

    @Test func pickedCardMustBeOpen() {
        let cards = [CardSlot(cardID: 5, createdAt: t0, countingPunches: 10, state: .complete)]
        #expect(throws: CardFillingError.pickedCardNotOpen(5)) {
            try CardFilling.plan(punchesRequired: 10, cards: cards, quantity: 1, pickedCardID: 5)
        }
    }

    @Test func completeAndRedeemedCardsAreSkipped() throws {
        let cards = [CardSlot(cardID: 1, createdAt: t0, countingPunches: 10, state: .complete),
                     CardSlot(cardID: 2, createdAt: t0, countingPunches: 4, state: .redeemed)]
        let plan = try CardFilling.plan(punchesRequired: 10, cards: cards, quantity: 2)
        #expect(plan.unitsByTarget == [.new(0): 2])
    }

    @Test func largeQuantityOpensSeveralCardsSomeComplete() throws {
        let plan = try CardFilling.plan(punchesRequired: 3, cards: [], quantity: 7)
        #expect(plan.newCardCount == 3)
        #expect(plan.completedNewCards == [0, 1])
        #expect(plan.unitsByTarget == [.new(0): 3, .new(1): 3, .new(2): 1])
        #expect(plan.placements.map(\.unit) == Array(0..<7))
    }

    @Test func badInputRefused() {
        #expect(throws: CardFillingError.quantityNotPositive(0)) {
            try CardFilling.plan(punchesRequired: 10, cards: [], quantity: 0)
        }
        #expect(throws: CardFillingError.invalidProgramSize(0)) {
            try CardFilling.plan(punchesRequired: 0, cards: [], quantity: 1)
        }
    }

    @Test func noCardEverExceedsN() throws {
        for n in 1...6 {
            for existing in 0...n {
                for quantity in 1...15 {
                    let cards = [CardSlot(cardID: 1, createdAt: t0, countingPunches: existing, state: .open)]
                    let plan = try CardFilling.plan(punchesRequired: n, cards: cards, quantity: quantity)
                    #expect(plan.placements.count == quantity)
                    for (target, units) in plan.unitsByTarget {
                        let before = target == .existing(1) ? existing : 0
                        #expect(before + units <= n)
                    }
                    let completedExisting = plan.completedCardIDs == [1] ? 1 : 0
                    let fullNew = plan.unitsByTarget.filter { $0.key != .existing(1) && $0.value == n }.count
                    #expect(plan.completedCount == completedExisting + fullNew)
                }
            }
        }
    }

    @Test func slotFromCardIgnoresRemovedPunches() {
        let card = Card(id: 3, customerID: 1, programID: 1)
        let removed = PunchRemoval(removedAt: t0, removedBy: "m", reason: "mistake")
        let punches = [
            Punch(cardID: 3, upc: nil, itemDescription: "", purchaseDate: day("2019-04-02"), source: .counter,
                  recordedBy: "c", recordedAt: t0),
            Punch(cardID: 3, upc: nil, itemDescription: "", purchaseDate: day("2019-04-02"), source: .counter,
                  recordedBy: "c", recordedAt: t0, removal: removed),
            Punch(cardID: 4, upc: nil, itemDescription: "", purchaseDate: day("2019-04-02"), source: .counter,
                  recordedBy: "c", recordedAt: t0),
        ]
        #expect(CardSlot(card: card, punches: punches).countingPunches == 1)
    }
}
