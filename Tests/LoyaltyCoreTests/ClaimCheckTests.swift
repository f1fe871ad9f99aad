import Foundation
import Testing
@testable import LoyaltyCore

/// The manufacturer's rules, one test per rule kind: each builds a card that passes, breaks exactly one
/// rule, and requires exactly that failure (so every test shows it can fail and what it guards).
@Suite struct ClaimCheckTests {
    let small1 = upc("007123000016"), small2 = upc("007123000030"), large = upc("007123000023")
    let trial = upc("007123000047")

    var rules: ClaimRules {
        ClaimRules(items: [ClaimItemRule(upc: small1, group: "12 lb", suggestedRetailCents: 3299),
                           ClaimItemRule(upc: small2, group: "12 lb", suggestedRetailCents: 3199),
                           ClaimItemRule(upc: large, group: "24 lb", suggestedRetailCents: 5499),
                           ClaimItemRule(upc: trial, group: "12 lb", suggestedRetailCents: 999, excluded: true)],
                   freeItemCap: .leastValuedBag, windowMonths: 12, scope: .location,
                   requiredFields: [.name, .phone, .postalAddress], distributor: "Acme", distributorAccount: "A-1",
                   claimDeadlineDays: 60)
    }

    let customer = ClaimCustomer(name: "Zoë O'Brien", phone: "5550102030", postalAddress: "1 Elm St, Springfield")

    /// `n` purchases of `item`, a week apart from 2026-01-05, priced 30.99 on a sale.
    func card(_ n: Int = 6, of item: UPC? = nil, start: String = "2026-01-05") -> [ClaimPurchase] {
        (0..<n).map { i in
            ClaimPurchase(punchID: Int64(i + 1), upc: item ?? small1, description: "bag", purchaseDate: day(start).adding(days: 7 * i),
                          priceCents: 3099, priceSource: .sale, saleID: "S\(i)", rungUpBy: "cashier")
        }
    }

    func check(_ purchases: [ClaimPurchase], free: UPC? = nil, rules: ClaimRules? = nil, customer: ClaimCustomer? = nil,
               household: Int = 0) -> ClaimCheckResult {
        ClaimCheck.evaluate(ClaimCheckInput(rules: rules ?? self.rules, punchesRequired: 6, purchases: purchases,
                                            freeItem: free ?? small2, customer: customer ?? self.customer,
                                            householdRedemptions: household))
    }

    @Test func aCompleteSameSizeCardPassesAndClaimsTheFreeItemWithinItsCap() {
        let result = check(card(), rules: suggestedRetailRules)
        #expect(result.failures == [])
        #expect(result.group == "12 lb")
        #expect(result.qualifying.count == 6)
        #expect(result.capCents == 3199)
        #expect(result.claimCents == 3199)
    }

    @Test func mixedSizesAreRefused() {
        var purchases = card()
        purchases[5].upc = large
        let result = check(purchases, free: small1, rules: suggestedRetailRules)
        #expect(result.failures == [.mixedGroups(["12 lb", "24 lb"]), .insufficientPurchases(counted: 5, required: 6)])
        #expect(result.failures.first?.denial == .multipleBrands)
    }

    @Test func purchasesOutsideTheWindowAreRefused() {
        var purchases = card()
        purchases[5].purchaseDate = day("2027-01-06")   // 12 months and a day after 2026-01-05
        #expect(check(purchases, rules: suggestedRetailRules).failures
                == [.outsideWindow(first: day("2026-01-05"), last: day("2027-01-06"), months: 12)])
        purchases[5].purchaseDate = day("2027-01-05")   // exactly 12 months: inside
        #expect(check(purchases, rules: suggestedRetailRules).failures == [])
    }

    var suggestedRetailRules: ClaimRules {
        var r = rules
        r.freeItemCap = .suggestedRetail
        return r
    }

    @Test func theFreeItemIsCappedAtTheLeastValuedBagOrItsSuggestedRetail() {
        // Least-valued bag: bags bought at 30.99, the free bag lists at 31.99 → over the cap.
        let least = check(card())
        #expect(least.failures == [.freeItemOverCap(priceCents: 3199, capCents: 3099, cap: .leastValuedBag)])
        #expect(least.failures.first?.denial == .ineligibleFreeSize)
        // The same-priced bag is within it, and the claim is its price.
        let same = check(card(), free: small1,
                         rules: { var r = rules; r.items[0].suggestedRetailCents = 3099; return r }())
        #expect(same.failures == [])
        #expect(same.claimCents == 3099)
        // Suggested retail: the free item's own list price is the cap.
        let retail = check(card(), rules: suggestedRetailRules)
        #expect(retail.failures == [])
        #expect(retail.claimCents == 3199)
        // A counter scan has no price: the list price stands in, and says so.
        var unpriced = card()
        unpriced[0].priceCents = nil
        unpriced[0].priceSource = .unknown
        let listed = check(unpriced, rules: suggestedRetailRules)
        #expect(listed.qualifying[0].priceCents == 3299)
        #expect(listed.qualifying[0].priceSource == .list)
    }

    @Test func anExcludedUPCNeitherCountsNorIsFree() {
        var purchases = card()
        purchases[2].upc = trial
        #expect(check(purchases, rules: suggestedRetailRules).failures
                == [.excludedPurchase(trial), .insufficientPurchases(counted: 5, required: 6)])
        #expect(check(card(), free: trial, rules: suggestedRetailRules).failures.contains(.freeItemExcluded(trial)))
    }

    @Test func aRefundedPurchaseIsDeducted() {
        var purchases = card()
        purchases[3].removed = true
        purchases[3].removalReason = "Lightspeed refund 88"
        let result = check(purchases + [ClaimPurchase(punchID: 99, upc: small1, description: "bag",
                                                      purchaseDate: day("2026-03-01"), priceCents: 3099,
                                                      priceSource: .sale)],
                           rules: suggestedRetailRules)
        #expect(result.failures == [])   // the replacement purchase fills it again
        #expect(!result.qualifying.contains { $0.punchID == 4 })
        #expect(check(purchases, rules: suggestedRetailRules).failures == [.insufficientPurchases(counted: 5, required: 6)])
    }

    @Test func locationScopeAndOneCardPerHousehold() {
        var purchases = card()
        purchases[1].locationID = "north"
        #expect(check(purchases, rules: suggestedRetailRules).failures
                == [.otherLocation(punchID: 2, location: "north"), .insufficientPurchases(counted: 5, required: 6)])
        var chain = suggestedRetailRules
        chain.scope = .chain
        #expect(check(purchases, rules: chain).failures == [])

        var household = suggestedRetailRules
        household.oneCardPerHousehold = true
        #expect(check(card(), rules: household, household: 0).failures == [])
        #expect(check(card(), rules: household, household: 1).failures == [.householdAlreadyRedeemed])
    }

    @Test func missingCustomerFieldsAreNamed() {
        let bare = ClaimCustomer(name: "Ann Lee", phone: "", email: "", postalAddress: " ")
        let result = check(card(), rules: suggestedRetailRules, customer: bare)
        #expect(result.failures == [.missingCustomerFields([.phone, .postalAddress])])
        #expect(result.failures[0].description == "The claim needs the customer's phone, postal address.")
    }

    @Test func theFreeItemMustBeInTheCardsGroupAndInTheProgram() {
        #expect(check(card(), free: large, rules: suggestedRetailRules).failures
                == [.freeItemWrongGroup(free: "24 lb", card: "12 lb")])
        let stranger = upc("008452000111")
        #expect(check(card(), free: stranger, rules: suggestedRetailRules).failures == [.freeItemNotInProgram(stranger)])
        var unlisted = card()
        unlisted[0].upc = nil
        #expect(check(unlisted, rules: suggestedRetailRules).failures
                == [.purchaseNotInProgram(punchID: 1, upc: nil), .insufficientPurchases(counted: 5, required: 6)])
    }

    @Test func aRedemptionIsJudgedByTheRulesInForceWhenItsCardFilled() {
        let v1 = ClaimRuleSet(id: 1, programID: 1, version: 1, createdAt: instant("2026-01-01T00:00:00Z"),
                              createdBy: "admin", rules: rules)
        let v2 = ClaimRuleSet(id: 2, programID: 1, version: 2, createdAt: instant("2026-06-01T00:00:00Z"),
                              createdBy: "admin", rules: suggestedRetailRules)
        #expect(ClaimRuleSet.inForce([v2, v1], at: instant("2026-03-01T00:00:00Z"))?.version == 1)
        #expect(ClaimRuleSet.inForce([v1, v2], at: instant("2026-07-01T00:00:00Z"))?.version == 2)
        #expect(ClaimRuleSet.inForce([v1, v2], at: instant("2025-07-01T00:00:00Z"))?.version == 1)
        #expect(ClaimRuleSet.inForce([], at: nil) == nil)
    }

    @Test func rulesWithoutDistributorOrWithAUPCTwiceAreRefused() {
        var r = rules
        r.distributor = " "
        #expect(throws: ClaimRulesProblem.noDistributor) { try r.validated() }
        r = rules
        r.items.append(ClaimItemRule(upc: small1, group: "12 lb"))
        #expect(throws: ClaimRulesProblem.upcTwice(small1)) { try r.validated() }
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2026-11-15").adding(months: 3) == day("2027-02-15"))
    }

    @Test func aClaimMovesOnlyAlongItsLifecycle() throws {
        var state = ClaimState.uncredited
        state = try ClaimLifecycle.apply(.submit, to: state)
        #expect(state == .submitted)
        state = try ClaimLifecycle.apply(.deny(reason: "ineligible free-good size"), to: state)
        #expect(state == .denied)
        #expect(throws: ClaimRefusal.wrongState(.denied, .submit)) { try ClaimLifecycle.apply(.submit, to: .denied) }
        state = try ClaimLifecycle.apply(.correct(note: "free bag repriced"), to: state)
        state = try ClaimLifecycle.apply(.submit, to: state)
        #expect(state == .resubmitted)
        state = try ClaimLifecycle.apply(.credit(cents: 3099), to: state)
        state = try ClaimLifecycle.apply(.reconcile, to: state)
        #expect(state == .reconciled)
        #expect(throws: ClaimRefusal.reasonRequired) { try ClaimLifecycle.apply(.deny(reason: ""), to: .submitted) }
        #expect(throws: ClaimRefusal.wrongState(.uncredited, .credit(cents: 1))) {
            try ClaimLifecycle.apply(.credit(cents: 1), to: .uncredited)
        }
        #expect(ClaimAge.of(redeemedOn: day("2026-01-01"), today: day("2026-01-31")) == .upTo30)
        #expect(ClaimAge.of(redeemedOn: day("2026-01-01"), today: day("2026-02-01")) == .upTo60)
        #expect(ClaimAge.of(redeemedOn: day("2026-01-01"), today: day("2026-06-01")) == .over90)
        #expect(ClaimDeadline.flag(due: day("2026-02-10"), today: day("2026-02-01"), state: .uncredited) == "due soon")
        #expect(ClaimDeadline.flag(due: day("2026-01-10"), today: day("2026-02-01"), state: .corrected) == "overdue")
        #expect(ClaimDeadline.flag(due: day("2026-01-10"), today: day("2026-02-01"), state: .submitted) == nil)
        #expect(ClaimDeadline.flag(due: day("2026-03-10"), today: day("2026-02-01"), state: .uncredited) == nil)
    }
}
