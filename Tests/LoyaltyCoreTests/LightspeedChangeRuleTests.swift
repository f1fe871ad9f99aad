import Foundation
import Testing
@testable import LoyaltyCore

/// "Changed in Lightspeed": which punches a refund or a void names, what applying does to each, the points.
@Suite struct LightspeedChangeRuleTests {
    static let at = instant("2026-12-01T15:00:00Z")

    /// A punch of sale `sale`, line `line`, on `card`; `removed` gives it a removal.
    func punch(_ id: Int64, card: Int64 = 1, sale: String = "900", line: String = "L1", removed: String? = nil) -> Punch {
        Punch(id: id, cardID: card, upc: upc("012345678905"), itemDescription: "MeNow 12 lb", purchaseDate: day("2026-12-01"),
              source: .realtime, recordedBy: "watcher", recordedAt: Self.at, saleID: sale, saleLineID: line,
              removal: removed.map { PunchRemoval(removedAt: Self.at, removedBy: "manager", reason: $0) })
    }

    func refund(_ units: Int, of line: String = "L1", id: String = "R1") -> RefundedLine {
        RefundedLine(refundSaleLineID: id, parentSaleLineID: line, units: units, description: "MeNow 12 lb")
    }

    @Test func aRefundOfOneOfTwoUnitsNamesTheNewestUnitsPunchOnly() {
        let punches = [punch(10, line: "L1"), punch(11, line: "L1"), punch(12, line: "L2")]
        #expect(LightspeedChangeRule.punchesForRefund([refund(1)], punches: punches, taken: []) == [11])
        #expect(LightspeedChangeRule.punchesForRefund([refund(2)], punches: punches, taken: []) == [11, 10])
        // More units than punches: the rest earned none here.
        #expect(LightspeedChangeRule.punchesForRefund([refund(5, of: "L2")], punches: punches, taken: []) == [12])
        // A line nobody punched: nothing.
        #expect(LightspeedChangeRule.punchesForRefund([refund(1, of: "L9")], punches: punches, taken: []).isEmpty)
    }

    @Test func aSecondRefundOfTheSameLineNamesAnotherUnitAndARemovedPunchCountsAsHandledFirst() {
        let punches = [punch(10), punch(11)]
        // The first refund named 11: the second takes 10, never 11 again.
        #expect(LightspeedChangeRule.punchesForRefund([refund(1, id: "R2")], punches: punches, taken: [11]) == [10])
        #expect(LightspeedChangeRule.punchesForRefund([refund(1, id: "R3")], punches: punches, taken: [10, 11]).isEmpty)
        // A unit whose punch the Refund button's question already removed is this refund's unit, handled: the
        // counting one stays (after the refund, counting punches = units kept).
        let handled = [punch(10), punch(11, removed: "Refunded in Lightspeed (sale R1)")]
        #expect(LightspeedChangeRule.punchesForRefund([refund(1)], punches: handled, taken: []) == [11])
    }

    @Test func aVoidNamesEveryPunchOfTheSaleNoOtherChangeNamed() {
        let punches = [punch(10), punch(11, line: "L2"), punch(12, sale: "901")]
        #expect(LightspeedChangeRule.punchesForVoid(saleID: "900", punches: punches, taken: []) == [10, 11])
        #expect(LightspeedChangeRule.punchesForVoid(saleID: "900", punches: punches, taken: [11]) == [10])
    }

    @Test func thePlanStepsACardDownPunchByPunchKeepsARedeemedCardsPunchAndSeesHandledOnes() {
        let cards: [Int64: CardStatus] = [1: CardStatus(cardID: 1, state: .complete, countingPunches: 3, punchesRequired: 3),
                     2: CardStatus(cardID: 2, state: .redeemed, countingPunches: 3, punchesRequired: 3)]
        let punches = [punch(10, card: 1), punch(11, card: 1), punch(12, card: 2), punch(13, card: 1, removed: "scanned twice")]
        let plan = LightspeedChangeRule.plan(kind: .void, saleID: "900", punches: punches, cards: cards,
                                             programNames: [1: "MeNow", 2: "MeNow"], pointsBack: 40, pointsAlreadyBack: false)
        #expect(plan.units.map(\.effect) == [
            .remove(CardChange(countBefore: 3, countAfter: 2, stateBefore: .complete, stateAfter: .open)),
            .remove(CardChange(countBefore: 2, countAfter: 1, stateBefore: .open, stateAfter: .open)),
            .keptCardRedeemed,
            .alreadyRemoved(PunchRemoval(removedAt: Self.at, removedBy: "manager", reason: "scanned twice")),
        ])
        #expect(plan.removals == [10, 11])
        #expect(plan.keptOnRedeemedCards == 1 && plan.alreadyRemoved == 1)
        #expect(plan.pointsBack == 40 && !plan.nothingLeft)
    }

    @Test func pointsAlreadyTakenBackLeaveNothingWhenEveryPunchIsGone() {
        let cards: [Int64: CardStatus] = [1: CardStatus(cardID: 1, state: .open, countingPunches: 1, punchesRequired: 9)]
        let gone = [punch(10, removed: "Refunded in Lightspeed (sale R1)")]
        let handled = LightspeedChangeRule.plan(kind: .refund, saleID: "R1", punches: gone, cards: cards, programNames: [:],
                                                pointsBack: 34, pointsAlreadyBack: true)
        #expect(handled.nothingLeft && handled.pointsBack == 0 && handled.pointsAlreadyBack)
        // Positive control: the same punch still counting is something left to do.
        let open = LightspeedChangeRule.plan(kind: .refund, saleID: "R1", punches: [punch(10)], cards: cards, programNames: [:],
                                             pointsBack: 34, pointsAlreadyBack: true)
        #expect(!open.nothingLeft && open.removals == [10])
    }

    @Test func aRefundTakesBackTheRuleOnTheRefundedAmountNeverMoreThanTheOriginalEarned() {
        let rule = PointsRule(points: 1, unitCents: 100)
        #expect(LightspeedChangeRule.refundPoints(refundedCents: 3499, rule: rule, earnedByOriginals: 69) == 34)
        #expect(LightspeedChangeRule.refundPoints(refundedCents: 9999, rule: rule, earnedByOriginals: 69) == 69)
        #expect(LightspeedChangeRule.refundPoints(refundedCents: 3499, rule: rule, earnedByOriginals: 0) == 0)
        #expect(LightspeedChangeRule.refundPoints(refundedCents: 3499, rule: nil, earnedByOriginals: 69) == 0)
        #expect(LightspeedChangeRule.voidPoints(earnedBySale: 69) == 69)
        #expect(LightspeedChangeRule.voidPoints(earnedBySale: -3) == 0)
    }

    @Test func theRemovalReasonNamesTheSale() {
        #expect(LightspeedChangeRule.removalReason(.refund, saleID: "9012") == "Refunded in Lightspeed (sale 9012)")
        #expect(LightspeedChangeRule.removalReason(.void, saleID: "9006") == "Voided in Lightspeed (sale 9006)")
    }
}
