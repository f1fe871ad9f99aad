import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

/// The checkout's Lightspeed link ("Incorrect customer", search and pick) and the unlinked button press
/// (lookup pre-filled, the new customer pre-filled from Lightspeed, "link this one?"), state after each key.
@Suite struct LightspeedLinkTests {
    static let dana = LightspeedCustomerInfo(lightspeedID: "120", firstName: "Dana", lastName: "Newcomer",
                                             phone: "555-010-2222", email: "dana@example.com")

    func linkedSally() throws -> CheckoutBench {
        let bench = try CheckoutBench()
        try bench.store.linkLightspeed(customer: bench.sally.id, to: "101", by: bench.cashierOp)
        bench.open()
        return bench
    }

    @Test func incorrectCustomerAsksThenUnlinksAndReloads() throws {
        let bench = try linkedSally()
        let id = bench.sally.id
        #expect(bench.sendOnly(.lightspeed(.link(.requestUnlink))).isEmpty)
        #expect(bench.state.lightspeed.link == .confirmUnlink(customerID: id, lightspeedID: "101"))
        // N keeps the link.
        bench.send(.lightspeed(.link(.cancel)))
        #expect(bench.state.lightspeed.link == nil)

        bench.send(.lightspeed(.link(.requestUnlink)))
        let effects = bench.sendOnly(.lightspeed(.link(.confirm)))
        #expect(effects == [.lightspeed(.unlink(customerID: id, by: bench.cashierOp))])
        #expect(bench.state.lightspeed.link == nil)
        // The composition root unlinks (audited in the store); the answer reloads the checkout.
        try bench.store.unlinkLightspeed(customer: id, by: bench.cashierOp)
        let reload = bench.send(.lightspeed(.link(.unlinked(customerID: id))))
        #expect(reload == [.checkout(.load(customerID: id))])
        #expect(bench.state.status?.kind == .success)
        #expect(bench.checkout.data?.customer.lightspeedCustomerID == nil)

        // Not linked any more: W says so.
        #expect(bench.sendOnly(.lightspeed(.link(.requestUnlink))).isEmpty)
        #expect(bench.state.lightspeed.link == nil)
        #expect(bench.state.status?.text == "Sally Pet Owner is not linked to Lightspeed: L links them.")
    }

    @Test func lSearchesLightspeedPrefilledAndPickingLinks() throws {
        let bench = try CheckoutBench()
        bench.open()
        let id = bench.sally.id
        let effects = bench.sendOnly(.lightspeed(.linkPendingCustomer))
        guard case .search(let search) = bench.state.lightspeed.link else {
            Issue.record("no search dialog")
            return
        }
        #expect(search.query.text == "5558675309")
        #expect(effects == [.lightspeed(.searchCustomers(text: "5558675309", generation: search.generation))])
        #expect(search.searching)

        // A new query: Enter searches again; the late answer to the first search is dropped.
        bench.send(.lightspeed(.link(.edit(.ctrl("u")))))
        for c in "dana" { bench.send(.lightspeed(.link(.edit(.char(c))))) }
        let again = bench.sendOnly(.lightspeed(.link(.enter)))
        guard case .search(let second) = bench.state.lightspeed.link else {
            Issue.record("expected .search, got \(String(describing: bench.state.lightspeed.link))")
            return
        }
        #expect(again == [.lightspeed(.searchCustomers(text: "dana", generation: second.generation))])
        bench.send(.lightspeed(.link(.searched(generation: search.generation, []))))
        guard case .search(let still) = bench.state.lightspeed.link else {
            Issue.record("expected .search, got \(String(describing: bench.state.lightspeed.link))")
            return
        }
        #expect(still.searching)

        let taken = LightspeedCustomerMatch(
            customer: LightspeedCustomerInfo(lightspeedID: "101", firstName: "Sally", lastName: "Petowner"),
            linkedCustomerID: 99, linkedCustomerName: "Sally Petowner")
        bench.send(.lightspeed(.link(.searched(generation: second.generation, [taken, LightspeedCustomerMatch(customer: Self.dana)]))))
        guard case .search(let found) = bench.state.lightspeed.link else {
            Issue.record("expected .search, got \(String(describing: bench.state.lightspeed.link))")
            return
        }
        #expect(found.results.count == 2)
        #expect(found.selection.index == 0)
        #expect(found.searching == false)

        // The first is linked to someone else: refused here, with the rule explained.
        #expect(bench.sendOnly(.lightspeed(.link(.enter))).isEmpty)
        #expect(bench.state.status?.text.contains("is already linked to Sally Petowner") == true)
        #expect(bench.state.status?.text.contains("one loyalty customer only") == true)

        bench.send(.lightspeed(.link(.move(.down))))
        let link = bench.sendOnly(.lightspeed(.link(.enter)))
        #expect(link == [.lightspeed(.link(customerID: id, lightspeedID: "120", by: bench.cashierOp))])

        try bench.store.linkLightspeed(customer: id, to: "120", by: bench.cashierOp)
        let reload = bench.send(.lightspeed(.link(.linked(customerID: id, lightspeedID: "120"))))
        #expect(reload == [.checkout(.load(customerID: id))])
        #expect(bench.state.lightspeed.link == nil)
        #expect(bench.state.status == .success("Sally Pet Owner is now linked to Lightspeed customer #120."))
        #expect(bench.checkout.data?.customer.lightspeedCustomerID == "120")
    }

    @Test func notConnectedOrARefusedLinkSaysWhy() throws {
        let bench = try CheckoutBench()
        bench.open()
        bench.send(.lightspeed(.linkPendingCustomer))
        guard case .search(let search) = bench.state.lightspeed.link else {
            Issue.record("expected .search, got \(String(describing: bench.state.lightspeed.link))")
            return
        }
        let why = LightspeedError.notConnected.description
        bench.send(.lightspeed(.link(.searchFailed(generation: search.generation, .lightspeed(.notConnected)))))
        guard case .search(let failed) = bench.state.lightspeed.link else {
            Issue.record("expected .search, got \(String(describing: bench.state.lightspeed.link))")
            return
        }
        #expect(failed.error == why)
        #expect(bench.state.status == .error(why))

        let taken = StoreError.lightspeedCustomerTaken(lightspeedID: "120", customerName: "Dana N.")
        bench.send(.lightspeed(.link(.failed(.store(taken)))))
        #expect(bench.state.status == .error(taken.description))
        bench.send(.lightspeed(.link(.cancel)))
        #expect(bench.state.lightspeed.link == nil)
    }

    @Test func aManagerApprovalIsNotNeededButASessionIs() throws {
        let bench = try linkedSally()
        bench.state.session = nil
        #expect(bench.sendOnly(.lightspeed(.link(.requestUnlink))).isEmpty)
        #expect(bench.state.lightspeed.link == nil)
    }

    // MARK: - The unlinked press

    func pending() -> Harness {
        var h = Harness()
        h.signIn()
        let outcome = LightspeedSaleOutcome(kind: .sale, saleID: "5037", status: .noLinkedCustomer,
                                            lightspeedCustomer: Self.dana)
        h.send(.lightspeed(.saleHandled(outcome)))
        return h
    }

    @Test func anUnlinkedPressOpensLookupOnTheirPhoneAndF2PrefillsThemFromLightspeed() {
        var h = pending()
        #expect(h.state.route == .lookup)
        #expect(h.state.lookup.query.text == "555-010-2222")
        #expect(h.state.status?.text == "Lightspeed 5037: Dana Newcomer not linked. Enter on them links, F2 adds them.")

        h.send(.lookup(.newCustomer))
        #expect(h.state.route == .customerForm)
        #expect(h.state.customerForm.firstName.text == "Dana")
        #expect(h.state.customerForm.lastName.text == "Newcomer")
        #expect(h.state.customerForm.email.text == "dana@example.com")
        #expect(h.state.customerForm.phone.text.filter(\.isNumber) == "5550102222")

        // Saved: linked and the waiting sale recorded, in one effect.
        let dana = Customer(id: 42, firstName: "Dana", lastName: "Newcomer", phone: "5550102222")
        let effects = h.send(.customerForm(.saved(dana)))
        let press = LightspeedButtonPress(kind: .sale, saleID: "5037", customerID: "120")
        #expect(effects.contains(.lightspeed(.linkAndHandle(customerID: 42, lightspeedID: "120", press: press,
                                                            by: Operator(cashierUser)))))
        #expect(h.state.route == .checkout(42))
    }

    @Test func openingACustomerWhileAPressWaitsAsksToLinkThem() {
        var h = pending()
        h.send(.lookup(.searchResultsLoaded(generation: h.state.lookup.generation, query: h.state.lookup.searchText,
                                            results: [summary(7, "Dana", "N", phone: "5550102222")])))
        h.send(.lookup(.openSelected))
        #expect(h.state.route == .checkout(7))
        #expect(h.state.lightspeed.link == .confirmPending(customerID: 7, customerName: "Dana N", replacing: nil))

        let effects = h.send(.lightspeed(.link(.confirm)))
        let press = LightspeedButtonPress(kind: .sale, saleID: "5037", customerID: "120")
        #expect(effects == [.lightspeed(.linkAndHandle(customerID: 7, lightspeedID: "120", press: press,
                                                       by: Operator(cashierUser)))])
        #expect(h.state.lightspeed.link == nil)
    }

    @Test func noOnTheQuestionKeepsThePressWaitingForL() {
        var h = pending()
        h.send(.lookup(.searchResultsLoaded(generation: h.state.lookup.generation, query: h.state.lookup.searchText,
                                            results: [summary(8, "Other", "Person")])))
        h.send(.lookup(.openSelected))
        h.send(.lightspeed(.link(.cancel)))
        #expect(h.state.lightspeed.link == nil)
        #expect(h.state.lightspeed.pendingLink?.customer == Self.dana)
        // Without a waiting press, opening a customer asks nothing.
        var plain = Harness()
        plain.signIn()
        plain.send(.lookup(.searchResultsLoaded(generation: plain.state.lookup.generation, query: "",
                                                results: [summary(8, "Other", "Person")])))
        plain.send(.lookup(.openSelected))
        #expect(plain.state.lightspeed.link == nil)
        plain.send(.lookup(.newCustomer))
        #expect(plain.state.customerForm.firstName.text.isEmpty)
    }

    @Test func theDuplicateWarningOfThePrefilledFormOffersTheExistingCustomerToLink() {
        var h = pending()
        h.send(.lookup(.newCustomer))
        let existing = Customer(id: 5, firstName: "Dana", lastName: "Newcomer", phone: "5550102222")
        #expect(h.send(.customerForm(.save)).count == 1)
        h.send(.customerForm(.duplicatesFound([DuplicateCandidate(customer: existing, reasons: [.samePhone])])))
        #expect(h.state.customerForm.showsDuplicateWarning)
        h.send(.customerForm(.openDuplicate))
        #expect(h.state.route == .checkout(5))
        #expect(h.state.lightspeed.link == .confirmPending(customerID: 5, customerName: "Dana Newcomer", replacing: nil))
    }
}
