import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

/// "Changed in Lightspeed" view-model: a manager opens it from the F10 menu, reviews one, applies it after a Y,
/// dismisses another with a reason; a cashier never reaches it; the count is read for a manager's status bar.
@Suite struct ChangesFeatureTests {
    static let at = Date(timeIntervalSince1970: 1_764_600_000)

    static func change(_ id: Int64, _ name: String, removals: Int = 1) -> LightspeedChangeRecord {
        let punches = (0..<removals).map {
            Punch(id: 100 + Int64($0), cardID: 7, upc: nil, itemDescription: "MeNow Munchies 12 lb",
                  purchaseDate: LocalDate(iso: "2026-12-01")!, source: .realtime, recordedBy: "watcher", recordedAt: at,
                  saleID: "900", saleLineID: "L1")
        }
        let plan = LightspeedChangeRule.plan(kind: .refund, saleID: "R\(id)", punches: punches,
                                             cards: [7: CardStatus(cardID: 7, state: .complete, countingPunches: 9, punchesRequired: 9)],
                                             programNames: [7: "MeNow Dog Food"], pointsBack: 34, pointsAlreadyBack: false)
        return LightspeedChangeRecord(id: id, kind: .refund, saleID: "R\(id)", originalSaleIDs: ["900"], customerID: id,
                                      customerName: name, happenedAt: at, foundAt: at,
                                      lines: [RefundedLine(refundSaleLineID: "RL\(id)", parentSaleLineID: "L1", units: removals,
                                                           description: "MeNow Munchies 12 lb")],
                                      points: 34, state: .open, plan: plan)
    }

    static let data = ChangesData(changes: [change(1, "Sally Pet Owner"), change(2, "Max Barker", removals: 2)],
                                  timeZone: TimeZone(identifier: "America/New_York")!)

    func opened() -> Harness {
        var h = Harness()
        h.signIn(managerUser)
        h.send(.admin(.openMenu))
        return h
    }

    @Test func aManagerOpensItFromTheMenuAndItLoads() {
        var h = opened()
        #expect(AdminFeature.menu(for: .manager).contains { $0.screen == .changes && $0.title == "Changed in Lightspeed" })
        #expect(!AdminFeature.menu(for: .cashier).contains { $0.screen == .changes })
        let effects = h.send(.admin(.open(.changes)))
        #expect(h.state.route == .admin(.changes))
        #expect(effects == [.changes(.load)])
        #expect(h.state.changes.busy)
        h.send(.changes(.loaded(Self.data)))
        #expect(!h.state.changes.busy && h.state.changes.selection.index == 0 && h.state.changes.reviewCount == 2)
    }

    @Test func enterReviewsAThenYAppliesInOneEffect() {
        var h = opened()
        h.send(.admin(.open(.changes)))
        h.send(.changes(.loaded(Self.data)))
        h.send(.changes(.move(.down)))
        #expect(h.send(.changes(.enter)).isEmpty)
        #expect(h.state.changes.reviewing == 2 && h.state.changes.selected?.customerName == "Max Barker")
        #expect(h.send(.changes(.apply)).isEmpty)
        #expect(h.state.changes.ask == .confirmApply(id: 2))
        // N (back) cancels the question, the review stays.
        h.send(.changes(.back))
        #expect(h.state.changes.ask == nil && h.state.changes.reviewing == 2)
        h.send(.changes(.apply))
        #expect(h.send(.changes(.confirm)) == [.changes(.apply(id: 2, by: Operator(managerUser)))])
        #expect(h.state.changes.busy && h.state.changes.ask == nil)
        // The store's answer: the queue read again, the review closed, the count down, a success line.
        let after = ChangesData(changes: [Self.change(1, "Sally Pet Owner")], timeZone: Self.data.timeZone)
        h.send(.changes(.done("Refund R2 of sale 900 for Max Barker applied: 2 punches removed, 34 points taken back.", after)))
        #expect(h.state.changes.reviewing == nil && h.state.changes.reviewCount == 1 && !h.state.changes.busy)
        #expect(h.state.status == .success("Refund R2 of sale 900 for Max Barker applied: 2 punches removed, 34 points taken back."))
    }

    @Test func dismissAsksAReasonAndRefusesAnEmptyOne() {
        var h = opened()
        h.send(.admin(.open(.changes)))
        h.send(.changes(.loaded(Self.data)))
        h.send(.changes(.dismiss))
        #expect(h.state.changes.ask == .dismissReason(id: 1))
        #expect(h.send(.changes(.enter)).isEmpty)
        #expect(h.state.status == .error(ChangesStrings.reasonNeeded))
        for c in "price match" { h.send(.changes(.edit(.char(c)))) }
        // Esc with a reason typed asks first; N goes back to it as it was.
        h.send(.changes(.back))
        #expect(h.state.modal == .confirmDiscard(.changes(.back)))
        h.send(.dismissModal)
        #expect(h.state.changes.ask == .dismissReason(id: 1) && h.state.changes.field.text == "price match")
        #expect(h.send(.changes(.enter)) == [.changes(.dismiss(id: 1, reason: "price match", by: Operator(managerUser)))])
    }

    @Test func aFailureIsSaidFromTheTypedError() {
        var h = opened()
        h.send(.admin(.open(.changes)))
        h.send(.changes(.loaded(Self.data)))
        h.send(.changes(.failed(.store(.invalid("Change 1 was already applied by manager; nothing was changed.")))))
        #expect(h.state.status == .error("Change 1 was already applied by manager; nothing was changed."))
        #expect(!h.state.changes.busy)
    }

    @Test func aCashierIsRefusedAndGetsNoCount() {
        var h = Harness()
        h.signIn(cashierUser)
        h.send(.admin(.openMenu))
        #expect(h.send(.admin(.open(.changes))).isEmpty)
        #expect(h.state.route != .admin(.changes))
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.reviewLightspeedChanges)))
        #expect(ChangesFeature.refreshCount(session: h.state.session).isEmpty)
        // The view-model refuses a cashier's key even if it reached the screen.
        var s = ChangesState()
        let session = Session(user: cashierUser)
        #expect(ChangesFeature.update(&s, .apply, session: session).isEmpty)
        #expect(s.notice == .error(FeatureStrings.notAllowed(.reviewLightspeedChanges)))
    }

    @Test func aManagerBackInLookupHasTheCountRead() {
        var h = Harness()
        h.signIn(managerUser)
        h.send(.admin(.openMenu))
        let effects = h.send(.admin(.back))
        #expect(h.state.route == .lookup)
        #expect(effects.contains(.changes(.count)))
        h.send(.changes(.counted(2)))
        #expect(h.state.changes.reviewCount == 2)
        // Each look of the watcher may have queued one: the count is read again for a manager, not a cashier.
        #expect(h.send(.lightspeed(.watcher(line: "Lightspeed: up to date 14:02", isProblem: false))) == [.changes(.count)])
        var c = Harness()
        c.signIn(cashierUser)
        #expect(c.send(.lightspeed(.watcher(line: "Lightspeed: up to date 14:02", isProblem: false))).isEmpty)
    }
}
