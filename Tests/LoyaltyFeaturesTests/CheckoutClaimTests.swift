import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing

/// The manufacturer's check in the redeem flow: asked before anything is handed over, missing details asked
/// right there, a failed rule named with its three ways out.
@Suite("Checkout: the claim check at redemption")
struct CheckoutClaimTests {
    /// MeNow with rules: 12 lb and 24 lb in different groups, the address required, list prices known.
    func bench() throws -> CheckoutBench {
        let b = try CheckoutBench()
        try b.store.saveClaimRules(program: b.menow.id, ClaimRules(
            items: [ClaimItemRule(upc: CheckoutBench.menow12, group: "12 lb", suggestedRetailCents: 3299),
                    ClaimItemRule(upc: CheckoutBench.menow24, group: "24 lb", suggestedRetailCents: 5499)],
            freeItemCap: .suggestedRetail, requiredFields: [.name, .phone, .postalAddress],
            distributor: "Acme Pet Supply", distributorAccount: "ACC-77"), by: CheckoutBench.admin)
        b.open()
        try b.givePunches(CheckoutBench.menow12, 12)
        return b
    }

    @Test func aMissingAddressIsAskedThenTheClaimIsConfirmedAndRecorded() throws {
        let b = try bench()
        let card = try #require(b.card(b.menow))
        b.c(.requestRedeem)
        // The 12 lb bag is the first item of the picker (by description).
        let asked = b.sendOnly(.checkout(.enter))
        #expect(asked == [.checkout(.checkClaim(cardID: card.id, rewardUPC: CheckoutBench.menow12, details: nil))])
        #expect(b.checkout.modal == .claimChecking(ClaimAsk(cardID: card.id, rewardUPC: CheckoutBench.menow12)))
        b.run(asked)
        guard case .claimDetails(let form, _) = b.checkout.modal else {
            Issue.record("no details form: \(String(describing: b.checkout.modal))")
            return
        }
        #expect(form.fields.map(\.label) == [CheckoutStrings.fieldClaimAddress])
        // Enter on an empty field is refused in place.
        b.c(.enter)
        #expect(b.state.status?.text == CheckoutStrings.claimFieldNeeded("Postal address"))
        b.typeInForm("12 Elm St, Springfield")
        b.c(.enter)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: b.checkout.modal))")
            return
        }
        let details = ClaimCustomerDetails(postalAddress: "12 Elm St, Springfield")
        #expect(pending.action == .redeem(cardID: card.id, rewardUPC: CheckoutBench.menow12, funding: .claim, details: details))
        #expect(pending.lines.last == "Claim: all rules met (version 1); $32.99 from Acme Pet Supply.")
        #expect(try b.store.claims().isEmpty, "nothing is written before Y")
        b.c(.confirm)
        let claim = try #require(try b.store.claims().first)
        #expect(claim.state == .uncredited && claim.claimCents == 3299)
        #expect(claim.proof.customer.postalAddress == "12 Elm St, Springfield")
        #expect(b.card(b.menow)?.card.state == .redeemed)
    }

    @Test func aFailedRuleNamesItAndOffersTheWaysOut() throws {
        let b = try bench()
        try b.store.redeem(card: try #require(b.card(b.menow)).id, rewardUPC: CheckoutBench.menow12,
                           details: ClaimCustomerDetails(postalAddress: "1 Main St"), by: b.cashierOp)
        try b.store.undoRedemption(card: try #require(b.card(b.menow)).id, by: Operator(CheckoutBench.manager))
        b.c(.reload)
        let card = try #require(b.card(b.menow))
        b.c(.requestRedeem)
        b.c(.move(.down))          // the 24 lb bag: another size group than the card's
        b.c(.enter)
        guard case .claimRefused(let ask, let preview) = b.checkout.modal else {
            Issue.record("no refusal: \(String(describing: b.checkout.modal))")
            return
        }
        #expect(ask.rewardUPC == CheckoutBench.menow24)
        #expect(preview.ruleFailures == [.freeItemWrongGroup(free: "24 lb", card: "12 lb")])
        #expect(CheckoutStrings.claimRefusal(preview).first == "• The free item is size 24 lb; the card was earned on 12 lb.")
        // P goes back to the picker on the same item.
        b.c(.pickAnotherFreeItem)
        guard case .redeemPick(_, let list) = b.checkout.modal else {
            Issue.record("not back in the picker")
            return
        }
        #expect(list.index == 1)
        b.c(.enter)
        // M: a manager's exception; a cashier is asked for a manager's PIN after Y.
        b.c(.claimException)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.action == .redeem(cardID: card.id, rewardUPC: CheckoutBench.menow24, funding: .managerException,
                                          details: nil))
        #expect(pending.needsApproval)
        b.c(.confirm)
        guard case .override = b.checkout.modal else {
            Issue.record("no manager override")
            return
        }
        b.typeInForm("manager")
        b.c(.modalNextField)
        b.typeInForm("2222")
        b.c(.enter)
        let claim = try #require(try b.store.claims(ClaimFilter(state: .uncredited)).first)
        #expect(claim.proof.exceptionBy == "manager" && claim.funding == .managerException)
    }

    @Test func storeFundedIsNeverClaimed() throws {
        let b = try bench()
        let card = try #require(b.card(b.menow))
        b.c(.requestRedeem)
        b.c(.move(.down))
        b.c(.enter)
        b.c(.redeemStoreFunded)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.action == .redeem(cardID: card.id, rewardUPC: CheckoutBench.menow24, funding: .storeFunded, details: nil))
        #expect(!pending.needsApproval)
        b.c(.confirm)
        #expect(try b.store.claims().map(\.state) == [.storeFunded])
    }
}
