import Foundation
import Testing
import PropertyBased
@testable import LoyaltyCore

@Suite struct MergePlanningTests {
    let sally = Customer(id: 1, firstName: "Sally", lastName: "Owner", phone: "5550102233", lightspeedCustomerID: "101")
    let sally2 = Customer(id: 2, firstName: "Sally", lastName: "Ownr", email: "sally@example.com",
                          lightspeedCustomerID: "202")

    @Test func mergeWithTwoLightspeedLinksNeedsAChoice() throws {
        #expect(throws: MergeRefusal.lightspeedChoiceRequired(primary: "101", duplicate: "202")) {
            try MergePlanning.plan(primary: self.sally, duplicate: self.sally2, primaryCards: [], duplicateCards: [],
                                   punchesRequired: [:])
        }
        let keepDuplicate = try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: [], duplicateCards: [],
                                                   punchesRequired: [:], linkChoice: .keepDuplicate)
        #expect(keepDuplicate.lightspeedCustomerID == "202")
        #expect(keepDuplicate.clearDuplicateLink)
        let keepPrimary = try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: [], duplicateCards: [],
                                                 punchesRequired: [:], linkChoice: .keepPrimary)
        #expect(keepPrimary.lightspeedCustomerID == "101")
    }

    @Test func aSingleLinkMovesToThePrimaryWithoutAChoice() throws {
        var primary = sally
        primary.lightspeedCustomerID = nil
        let plan = try MergePlanning.plan(primary: primary, duplicate: sally2, primaryCards: [], duplicateCards: [],
                                          punchesRequired: [:])
        #expect(plan.lightspeedCustomerID == "202")
        #expect(plan.emailToCopy == "sally@example.com")
        #expect(plan.phoneToCopy == nil)
        #expect(plan.markDuplicateMergedInto == 1)
    }

    @Test func everythingMovesAndCardsStaySeparateUnlessJoined() throws {
        let primaryCards = [MergeCard(cardID: 10, programID: 1, state: .open, countingPunches: 4)]
        let duplicateCards = [MergeCard(cardID: 20, programID: 1, state: .open, countingPunches: 5, totalPunches: 6),
                              MergeCard(cardID: 21, programID: 2, state: .redeemed, countingPunches: 12)]
        let plan = try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: primaryCards,
                                          duplicateCards: duplicateCards, duplicatePointsBalance: 340,
                                          punchesRequired: [1: 10, 2: 12], linkChoice: .keepPrimary)
        #expect(plan.cardsToMove == [20, 21])
        #expect(plan.joins.isEmpty)
        #expect(plan.movedPunches == 18)
        #expect(plan.movedPoints == 340)

        let joined = try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: primaryCards,
                                            duplicateCards: duplicateCards, punchesRequired: [1: 10, 2: 12],
                                            linkChoice: .keepPrimary, joins: [CardJoin(kept: 10, absorbed: 20)])
        #expect(joined.cardsToMove == [21])
        #expect(joined.joins == [PlannedJoin(join: CardJoin(kept: 10, absorbed: 20), countAfter: 9, stateAfter: .open)])
    }

    @Test func joinRefusals() {
        let p = [MergeCard(cardID: 10, programID: 1, state: .open, countingPunches: 7)]
        let d = [MergeCard(cardID: 20, programID: 1, state: .open, countingPunches: 5),
                 MergeCard(cardID: 21, programID: 2, state: .open, countingPunches: 1),
                 MergeCard(cardID: 22, programID: 1, state: .redeemed, countingPunches: 10)]
        func plan(_ joins: [CardJoin]) throws(MergeRefusal) -> MergePlan {
            try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: p, duplicateCards: d,
                                   punchesRequired: [1: 10, 2: 12], linkChoice: .keepPrimary, joins: joins)
        }
        #expect(throws: MergeRefusal.joinExceedsCard(total: 12, max: 10)) { try plan([CardJoin(kept: 10, absorbed: 20)]) }
        #expect(throws: MergeRefusal.joinDifferentPrograms) { try plan([CardJoin(kept: 10, absorbed: 21)]) }
        #expect(throws: MergeRefusal.joinRedeemedCard(22)) { try plan([CardJoin(kept: 20, absorbed: 22)]) }
        #expect(throws: MergeRefusal.unknownCard(99)) { try plan([CardJoin(kept: 10, absorbed: 99)]) }
    }

    @Test func sameOrAlreadyMergedCustomersRefused() {
        #expect(throws: MergeRefusal.sameCustomer) {
            try MergePlanning.plan(primary: self.sally, duplicate: self.sally, primaryCards: [], duplicateCards: [],
                                   punchesRequired: [:])
        }
        var merged = sally2
        merged.mergedInto = 7
        #expect(throws: MergeRefusal.alreadyMerged(2)) {
            try MergePlanning.plan(primary: self.sally, duplicate: merged, primaryCards: [], duplicateCards: [],
                                   punchesRequired: [:], linkChoice: .keepPrimary)
        }
    }

    /// The planner never plans a joined card above N, and when it refuses it is for that reason or a redeemed
    /// card, never silently. (That a merge keeps every punch is counted in rows on a real store:
    /// `MergeTests.mergeNeverLosesPunches` in the store tests.)
    @Test func aMergePlanNeverOverfillsAJoinedCard() async {
        let cardGen = zip(Gen.int(in: 1...3), Gen.int(in: 0...12), Gen.int(in: 0...2)).array(of: 0...5)
        let outcomes = Outcomes()
        await propertyCheck(count: 200, input: cardGen, cardGen) { primarySpecs, duplicateSpecs in
            func cards(_ specs: [(Int, Int, Int)], base: Int64) -> [MergeCard] {
                specs.enumerated().map { i, s in
                    MergeCard(cardID: base + Int64(i), programID: Int64(s.0), state: [.open, .complete, .redeemed][s.2],
                              countingPunches: s.1, totalPunches: s.1 + 1)
                }
            }
            let p = cards(primarySpecs, base: 100), d = cards(duplicateSpecs, base: 200)
            let joins = zip(p, d).filter { $0.programID == $1.programID }.prefix(1)
                .map { CardJoin(kept: $0.cardID, absorbed: $1.cardID) }
            do {
                let plan = try MergePlanning.plan(primary: sally, duplicate: sally2, primaryCards: p, duplicateCards: d,
                                                  punchesRequired: [1: 10, 2: 10, 3: 10], linkChoice: .keepPrimary,
                                                  joins: joins)
                outcomes.add(planned: true)
                #expect(plan.joins.allSatisfy { $0.countAfter <= 10 })
            } catch let refusal as MergeRefusal {
                outcomes.add(planned: false)
                switch refusal {
                case .joinExceedsCard, .joinRedeemedCard: break
                default: Issue.record("unexpected refusal \(refusal) for \(p) + \(d), joins \(joins)")
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        // Both outcomes happen, so neither branch is dead.
        #expect(outcomes.planned > 0 && outcomes.refused > 0, "\(outcomes.planned) planned, \(outcomes.refused) refused")
    }
}

/// Counts of a property check's outcomes (its body may run concurrently).
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (planned: 0, refused: 0)
    func add(planned: Bool) { lock.withLock { if planned { counts.planned += 1 } else { counts.refused += 1 } } }
    var planned: Int { lock.withLock { counts.planned } }
    var refused: Int { lock.withLock { counts.refused } }
}

@Suite struct PointsTests {
    @Test func earnRuleWholeUnitsOfTheSubtotal() {
        let rule = PointsRule()
        #expect(rule.points(forSubtotalCents: 2999) == 29)
        #expect(rule.points(forSubtotalCents: 99) == 0)
        #expect(rule.points(forSubtotalCents: -2999) == -29, "a refund takes back what the sale gave")
        #expect(PointsRule(points: 2, unitCents: 500).points(forSubtotalCents: 1250) == 4)
        #expect(PointsRule(points: 1, unitCents: 0).points(forSubtotalCents: 1250) == 0)
    }

    @Test func balanceIsTheSumAndRedemptionNeedsEnough() throws {
        let t = Date(timeIntervalSince1970: 0)
        let entries = [PointsEntry(customerID: 1, delta: 120, kind: .sale, createdAt: t, createdBy: "amy"),
                       PointsEntry(customerID: 1, delta: -20, kind: .refund, createdAt: t, createdBy: "amy"),
                       PointsEntry(customerID: 1, delta: 5, kind: .adjustment, reason: "goodwill", createdAt: t,
                                   createdBy: "max")]
        let balance = PointsLedger.balance(entries)
        #expect(balance == 105)
        #expect(try PointsLedger.redeem(PointsReward(name: "Free toy", cost: 100), balance: balance) == -100)
        #expect(throws: PointsRefusal.balanceTooLow(balance: 105, cost: 200)) {
            try PointsLedger.redeem(PointsReward(name: "Free bag", cost: 200), balance: balance)
        }
        #expect(throws: PointsRefusal.costNotPositive(0)) { try PointsLedger.redeem(PointsReward(name: "x", cost: 0), balance: 5) }
        #expect(throws: PointsRefusal.adjustmentNeedsReason) { try PointsLedger.adjustment(delta: 5, reason: " ") }
        #expect(throws: PointsRefusal.adjustmentZero) { try PointsLedger.adjustment(delta: 0, reason: "x") }
        #expect(PointsRefusal.balanceTooLow(balance: 105, cost: 200).description
                == "This reward costs 200 points; the customer has 105.")
    }

    /// Parsing Lightspeed's amounts is Lightspeed's (`LightspeedMoney`, LightspeedTests); Core only shows cents.
    @Test func centsAreShownWithTheSymbol() {
        #expect(Money.display(cents: -3448) == "-$34.48")
        #expect(Money.display(cents: 5) == "$0.05")
    }

    @Test func importHistoryForPointsListsSalesWithoutAnEntry() {
        let sales = [PointsSale(saleID: "2", completedAt: instant("2019-04-03T12:00:00-04:00"), subtotalCents: 1550),
                     PointsSale(saleID: "1", completedAt: instant("2019-04-02T12:00:00-04:00"), subtotalCents: 2999),
                     PointsSale(saleID: "3", completedAt: instant("2019-04-04T12:00:00-04:00"), subtotalCents: 5000, voided: true),
                     PointsSale(saleID: "4", completedAt: instant("2019-04-05T12:00:00-04:00"), subtotalCents: 50),
                     PointsSale(saleID: "5", completedAt: instant("2019-11-04T04:30:00Z"), subtotalCents: -1550)]
        let list = PointsImport.candidates(sales: sales, awardedSaleIDs: ["2"], rule: PointsRule(), calendar: newYork)
        #expect(list.map(\.sale.saleID) == ["1", "5"])
        #expect(list.map(\.points) == [29, -15])
        #expect(list[1].date == day("2019-11-03"))
    }
}
