import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// The shell's Lightspeed rules (pure: message in, exact state and effects out), then the composition root
/// running the effects against the simulator and a real store.
@Suite(.serialized) struct LightspeedAppFeatureTests {
    let feature = AppFeature(clock: { Date(timeIntervalSince1970: 1_800_000_000) }, idleLockMinutes: 0)
    let cashier = User(id: 3, username: "cashier", displayName: "Casey", role: .cashier)

    func signedIn(training: Bool = false) -> AppState {
        var state = AppState(storeName: "Happy Tails", trainingMode: training)
        state.session = Session(user: cashier)
        state.route = .lookup
        return state
    }

    @Test func aPressWhileNobodyIsSignedInAsksToSignIn() {
        var state = AppState()
        let effects = feature.update(&state, .lightspeed(.buttonPressed(LightspeedButtonPress(kind: .sale, saleID: "5036"))))
        #expect(effects.isEmpty)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("sign in") == true)
    }

    @Test func aPressIsHandledForTheSignedInCashier() {
        var state = signedIn()
        let press = LightspeedButtonPress(kind: .sale, saleID: "5036", customerID: "101")
        let effects = feature.update(&state, .lightspeed(.buttonPressed(press)))
        #expect(effects == [.lightspeed(.handleButton(press, by: Operator(cashier)))])
    }

    @Test func aRecordedSaleOpensTheCustomersCheckout() {
        var state = signedIn()
        let outcome = LightspeedSaleOutcome(kind: .sale, saleID: "5036", status: .recorded, customerID: 1,
                                            customerName: "Sally Pet Owner", punchIDs: [7, 8], punchItems: ["a", "b"],
                                            pointsChange: 41)
        let effects = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        #expect(state.route == .checkout(1))
        #expect(effects == [.checkout(.load(customerID: 1))])
        #expect(state.status == .success("Lightspeed sale 5036 for Sally Pet Owner: 2 punches added, +41 points."))
    }

    @Test func aPressOnAnOpenSaleOpensTheCheckoutAtOnceAndSaysItWaits() {
        var state = signedIn()
        let outcome = LightspeedSaleOutcome(kind: .sale, saleID: "5036", status: .waiting, customerID: 1,
                                            customerName: "Sally Pet Owner")
        let effects = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        #expect(state.route == .checkout(1))
        #expect(effects == [.checkout(.load(customerID: 1))])
        #expect(state.status == StatusMessage("Sally Pet Owner: waiting for Lightspeed sale 5036 to complete; its punches arrive when it does."))
    }

    @Test func aWaitedSaleThatCompletesReloadsItsCheckoutButNeverPullsTheCashierAway() {
        var state = signedIn()
        let done = LightspeedSaleOutcome(kind: .sale, saleID: "5036", status: .recorded, customerID: 1,
                                         customerName: "Sally Pet Owner", punchIDs: [7], punchItems: ["a"], pointsChange: 34)
        // On another customer's checkout: only the status line says so.
        state.route = .checkout(2)
        #expect(feature.update(&state, .lightspeed(.pendingSaleEnded(done, gaveUp: false))).isEmpty)
        #expect(state.route == .checkout(2))
        #expect(state.status == .success("Lightspeed sale 5036 for Sally Pet Owner: 1 punch added, +34 points."))
        // On hers: the checkout reloads with the punches.
        state.route = .checkout(1)
        #expect(feature.update(&state, .lightspeed(.pendingSaleEnded(done, gaveUp: false))) == [.checkout(.load(customerID: 1))])
        // Voided: nothing recorded, and it says so.
        let voided = LightspeedSaleOutcome(kind: .sale, saleID: "5037", status: .voided, customerID: 1)
        _ = feature.update(&state, .lightspeed(.pendingSaleEnded(voided, gaveUp: false)))
        #expect(state.status == StatusMessage("Lightspeed sale 5037 was voided: nothing was recorded."))
        let stale = LightspeedSaleOutcome(kind: .sale, saleID: "5038", status: .stillOpen, customerID: 1)
        _ = feature.update(&state, .lightspeed(.pendingSaleEnded(stale, gaveUp: true)))
        #expect(state.status?.text.contains("no longer waiting") == true)
    }

    @Test func anUnlinkedCustomerOpensLookupOnTheirPhoneAndWaitsForL() {
        var state = signedIn()
        let dana = LightspeedCustomerInfo(lightspeedID: "120", firstName: "Dana", lastName: "Newcomer",
                                          phone: "555-010-2222", email: "dana@example.com")
        let outcome = LightspeedSaleOutcome(kind: .sale, saleID: "5037", status: .noLinkedCustomer, lightspeedCustomer: dana)
        let effects = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        #expect(state.route == .lookup)
        #expect(state.lookup.query.text == "555-010-2222")
        #expect(effects == [.searchCustomers(query: "555-010-2222", generation: state.lookup.generation)])
        #expect(state.lightspeed.pendingLink?.customer == dana)

        // The cashier opens (or adds) Dana here and presses L on her checkout.
        state.route = .checkout(42)
        let link = feature.update(&state, .lightspeed(.linkPendingCustomer))
        #expect(link == [.lightspeed(.linkAndHandle(customerID: 42, lightspeedID: "120",
                                                    press: LightspeedButtonPress(kind: .sale, saleID: "5037", customerID: "120"),
                                                    by: Operator(cashier)))])
        // Once recorded, nothing waits any more.
        _ = feature.update(&state, .lightspeed(.saleHandled(LightspeedSaleOutcome(kind: .sale, saleID: "5037",
                                                                                  status: .recorded, customerID: 42))))
        #expect(state.lightspeed.pendingLink == nil)
    }

    @Test func lWithNothingWaitingSaysSo() {
        var state = signedIn()
        state.route = .checkout(1)
        #expect(feature.update(&state, .lightspeed(.linkPendingCustomer)).isEmpty)
        #expect(state.status?.kind == .error)
    }

    @Test func aSaleWithoutCustomerOrAFailureStaysOnScreenWithTheReason() {
        var state = signedIn()
        _ = feature.update(&state, .lightspeed(.saleHandled(LightspeedSaleOutcome(kind: .sale, saleID: "9", status: .noCustomerOnSale))))
        #expect(state.route == .lookup)
        #expect(state.status?.text.contains("attach the customer") == true)
        _ = feature.update(&state, .lightspeed(.saleFailed(saleID: "9", .lightspeed(.timedOut))))
        #expect(state.status == .error(LightspeedError.timedOut.description))
    }

    @Test func aButtonThatCannotListenShowsInTheStatusBarForTheSession() {
        var state = signedIn()
        _ = feature.update(&state, .lightspeed(.buttonUnavailable(.lightspeedService(.notConnected))))
        #expect(state.lightspeed.buttonOff == "Lightspeed button off: " + LightspeedServiceError.notConnected.description)
        #expect(state.lightspeed.buttonOffLabel == "BUTTON OFF")
        _ = feature.update(&state, .lockTerminal)
        #expect(state.lightspeed.buttonOff != nil)
    }

    @Test func f9SimulatesOnlyInTrainingOnALinkedCustomersCheckout() {
        var live = signedIn(training: false)
        #expect(feature.update(&live, .lightspeed(.simulateSale)).isEmpty)
        #expect(live.status?.text.contains("training mode only") == true)
        var training = signedIn(training: true)
        #expect(feature.update(&training, .lightspeed(.simulateSale)).isEmpty)
        #expect(training.status?.text.contains("linked to Lightspeed") == true)
    }

    @Test func linkAndHandleRemembersTheLinkThenRecordsTheSale() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        var config = AppConfig()
        let base = await world.simulator.baseURL.absoluteString
        config.lightspeed.apiBaseURL = base
        config.lightspeed.authBaseURL = base
        config.lightspeed.clientID = world.simulator.clientID
        config.button.port = 0
        // The button is under test: the sales watcher would record the sale on its own first.
        config.watcher.enabled = false
        let counter = await CounterLightspeed.start(store: world.store, config: config, trainingMode: false,
                                                    logger: .quietCLI) { _ in }
        #expect(counter.listener != nil)
        let dana = try world.store.addCustomer(CustomerDraft(firstName: "Dana", lastName: "Newcomer"), by: LightspeedWorld.cashier)
        let saleID = try await world.sell(customer: "120", [("201", 1)])
        let press = LightspeedButtonPress(kind: .sale, saleID: saleID, customerID: "120")

        let first = await counter.run(.handleButton(press, by: LightspeedWorld.cashier))
        guard case .lightspeed(.saleHandled(let unlinked))? = first else { Issue.record("\(String(describing: first))"); return }
        #expect(unlinked.status == .noLinkedCustomer)

        let second = await counter.run(.linkAndHandle(customerID: dana.id, lightspeedID: "120", press: press,
                                                      by: LightspeedWorld.cashier))
        guard case .lightspeed(.saleHandled(let recorded))? = second else { Issue.record("\(String(describing: second))"); return }
        #expect(recorded.status == .recorded)
        #expect(recorded.customerID == dana.id)
        #expect(recorded.punchIDs.count == 1)
        #expect(try world.store.customer(id: dana.id)?.lightspeedCustomerID == "120")
        #expect(try world.store.auditLog(AuditFilter(customerID: dana.id, action: .lightspeedLink)).count == 1)
        await counter.stop()
    }
}
