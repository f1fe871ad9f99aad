import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing

private let changesManager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)
private let changesAt = Date(timeIntervalSince1970: 1_764_600_000)   // 2025-12-01 14:40 UTC

private func punch(_ id: Int64, card: Int64, removed: Bool = false) -> Punch {
    Punch(id: id, cardID: card, upc: nil, itemDescription: "MeNow Munchies 12 lb", purchaseDate: LocalDate(iso: "2025-12-01")!,
          source: .realtime, recordedBy: "Lightspeed watcher", recordedAt: changesAt, saleID: "900", saleLineID: "L1",
          removal: removed ? PunchRemoval(removedAt: changesAt, removedBy: "manager", reason: "Refunded in Lightspeed (sale 912)") : nil)
}

/// Sally's refund of one bag (its punch fills a complete card), Max's void on a redeemed card plus one the
/// Refund button already removed.
private let changesData: ChangesData = {
    let cards: [Int64: CardStatus] = [7: CardStatus(cardID: 7, state: .complete, countingPunches: 9, punchesRequired: 9),
                 8: CardStatus(cardID: 8, state: .redeemed, countingPunches: 9, punchesRequired: 9)]
    let names: [Int64: String] = [7: "MeNow Dog Food", 8: "MeNow Dog Food"]
    let sally = LightspeedChangeRecord(
        id: 1, kind: .refund, saleID: "912", originalSaleIDs: ["900"], customerID: 1, customerName: "Sally Pet Owner",
        happenedAt: changesAt, foundAt: changesAt.addingTimeInterval(20),
        lines: [RefundedLine(refundSaleLineID: "R1", parentSaleLineID: "L1", units: 1, description: "MeNow Munchies 12 lb")],
        points: 34, state: .open,
        plan: LightspeedChangeRule.plan(kind: .refund, saleID: "912", punches: [punch(101, card: 7)], cards: cards,
                                        programNames: names, pointsBack: 34, pointsAlreadyBack: false))
    let max = LightspeedChangeRecord(
        id: 2, kind: .void, saleID: "905", originalSaleIDs: ["905"], customerID: 2, customerName: "Max Barker",
        happenedAt: changesAt.addingTimeInterval(3600), foundAt: changesAt.addingTimeInterval(3620), lines: [], points: 46,
        state: .open,
        plan: LightspeedChangeRule.plan(kind: .void, saleID: "905", punches: [punch(102, card: 8), punch(103, card: 7, removed: true)],
                                        cards: cards, programNames: names, pointsBack: 46, pointsAlreadyBack: false))
    return ChangesData(changes: [sally, max], timeZone: TimeZone(identifier: "America/New_York")!)
}()

/// "Changed in Lightspeed", driven through `AppFeature` messages.
@Suite("Changed in Lightspeed screen")
struct ChangesScreenTests {
    private func driver() -> Driver {
        var d = Driver(size: Size(width: 80, height: 24))
        d.send(.signIn(.signedIn(changesManager, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.changes)))
        d.send(.changes(.loaded(changesData)))
        d.state.status = nil
        return d
    }

    @Test func theListShowsCustomerSaleDateAndWhatItWouldChange() {
        let d = driver()
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("2 changes from Lightspeed to review") })
        #expect(screen.lines.contains { $0.contains("2025-12-01") && $0.contains("Sally Pet Owner") && $0.contains("Refund 912 of 900")
            && $0.contains("−1 punch, −34 points") })
        #expect(screen.lines.contains { $0.contains("Max Barker") && $0.contains("Void of 905") && $0.contains("−46 points; 1 kept, 1 handled") })
        #expect(screen.lines.last?.contains("Enter Review") == true && screen.lines.last?.contains("A Apply") == true)
        expectSnapshot(screen, "changes-list-80x24")
    }

    @Test func reviewingOneShowsEachUnitsCardAndWhatHappensToIt() {
        var d = driver()
        d.send(.changes(.move(.down)))
        d.send(.changes(.enter))
        let screen = d.render()
        // The review wraps long lines at spaces: read it as one text.
        let text = screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("MeNow Dog Food card 8 was redeemed (the free item was handed over): the punch is kept"))
        #expect(text.contains("already handled — its punch on MeNow Dog Food card 7 was removed by manager"))
        #expect(text.contains("Points: take back 46 points."))
        expectSnapshot(screen, "changes-review-80x24")
        d.send(.changes(.apply))
        let asked = d.render()
        #expect(asked.lines.contains { $0.contains("Apply? Y applies") })
        expectSnapshot(asked, "changes-apply-question-80x24")
    }

    @Test func theStatusBarCountsChangesForAManagerOnly() {
        var d = Driver(size: Size(width: 100, height: 24))
        d.send(.signIn(.signedIn(changesManager, .password)))
        d.send(.changes(.counted(2)))
        #expect(d.render().lines[0].contains("2 changes from Lightspeed to review"))
        var c = Driver(size: Size(width: 100, height: 24))
        c.send(.signIn(.signedIn(cashier, .password)))
        c.send(.changes(.counted(2)))
        #expect(!c.render().lines[0].contains("from Lightspeed to review"))
    }
}
