import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// The Refund button's one-step removal: the press takes the points back and the checkout asks whether to
/// remove the punches the refunded units earned; Y (with a manager's PIN for a cashier) removes exactly
/// those, in one transaction, with the refund as the reason.
@Suite(.serialized) struct LightspeedRefundRemovalTests {
    let feature = AppFeature(clock: { Date(timeIntervalSince1970: 1_800_000_000) }, idleLockMinutes: 0)

    func signedIn(_ user: User) -> AppState {
        var state = AppState(storeName: "Happy Tails")
        state.session = Session(user: user)
        state.route = .lookup
        return state
    }

    @Test func oneRefundedUnitOfTwoOffersOnePunchAndYRemovesIt() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 1), ("202", 2)])
        let handler = try world.handler()
        _ = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
        let json = try #require(await world.simulator.saleJSON(saleID))
        let bonesLine = try #require(json.many("SaleLines", "SaleLine").first { $0.link("itemID") == "202" }?.link("saleLineID"))
        let bonesPunches = try world.store.punches(customer: world.sally.id).filter { $0.saleLineID == bonesLine }.map(\.id)
        #expect(bonesPunches.count == 2)
        // One of the two bags comes back.
        let refundID = try await world.simulator.refundSale(saleID, lineIDs: [bonesLine], quantities: [bonesLine: 1])
        let outcome = try await handler.handle(LightspeedButtonPress(kind: .refund, saleID: refundID), by: LightspeedWorld.cashier)
        #expect(outcome.refundedUnits == 1)
        #expect(outcome.refundPunchIDs.count == 1)
        #expect(bonesPunches.contains(outcome.refundPunchIDs[0]))
        #expect(outcome.refundPunchItems == ["Crunchy Bones"])

        // A manager's counter: the checkout opens with the question; Y asks the store, no PIN.
        let manager = User(id: 2, username: "manager", displayName: "Morgan", role: .manager)
        var state = signedIn(manager)
        _ = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        #expect(state.route == .checkout(world.sally.id))
        guard case .confirm(let pending) = state.checkout.modal else {
            Issue.record("no question: \(String(describing: state.checkout.modal))")
            return
        }
        #expect(pending.action == .removeRefundedPunches(punchIDs: outcome.refundPunchIDs, refundSaleID: refundID))
        #expect(!pending.needsApproval)
        #expect(pending.lines.contains { $0.contains("1 × Crunchy Bones") })
        let runner = EffectRunner(store: world.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        if let loaded = runner.run(.checkout(.load(customerID: world.sally.id))) { _ = feature.update(&state, loaded) }
        let effects = feature.update(&state, .checkout(.confirm))
        #expect(effects == [.checkout(.perform(pending.action, customerID: world.sally.id,
                                               by: Operator(manager), approval: nil))])
        for effect in effects { if let answer = runner.run(effect) { _ = feature.update(&state, answer) } }

        let punches = try world.store.punches(customer: world.sally.id)
        let removed = punches.filter { $0.removal != nil }
        #expect(removed.map(\.id) == outcome.refundPunchIDs)
        #expect(removed.first?.removal?.reason == "Refunded in Lightspeed (sale \(refundID))")
        #expect(punches.filter { $0.saleLineID == bonesLine && $0.counts }.count == 1)
        #expect(state.status?.text.contains("removed") == true)
        #expect(state.checkout.modal == nil)
    }

    @Test func aCashierIsAskedForAManagersPINAndNoKeepsThePunches() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("202", 2)])
        let handler = try world.handler()
        _ = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
        let refundID = try await world.simulator.refundSale(saleID)
        let outcome = try await handler.handle(LightspeedButtonPress(kind: .refund, saleID: refundID), by: LightspeedWorld.cashier)
        #expect(outcome.refundPunchIDs.count == 2)

        let cashier = User(id: 3, username: "cashier", displayName: "Casey", role: .cashier)
        var state = signedIn(cashier)
        _ = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        guard case .confirm(let pending) = state.checkout.modal else {
            Issue.record("no question")
            return
        }
        #expect(pending.needsApproval)
        #expect(pending.lines.contains { $0.contains("2 × Crunchy Bones") })
        // N (Esc) keeps them: nothing is asked of the store.
        #expect(feature.update(&state, .checkout(.escape)).isEmpty)
        #expect(state.checkout.modal == nil)
        #expect(try world.store.punches(customer: world.sally.id).allSatisfy(\.counts))
    }

    @Test func aRefundWhosePunchesAreGoneAsksNothing() {
        var state = signedIn(User(id: 3, username: "cashier", displayName: "Casey", role: .cashier))
        let outcome = LightspeedSaleOutcome(kind: .refund, saleID: "5040", status: .refunded, customerID: 1,
                                            customerName: "Sally Pet Owner", pointsChange: -11)
        _ = feature.update(&state, .lightspeed(.saleHandled(outcome)))
        #expect(state.route == .checkout(1))
        #expect(state.checkout.modal == nil)
    }
}
