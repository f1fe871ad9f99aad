import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

/// Rows Import History does not offer say why (issue 14 item 10), and a unit whose punch a manager removed
/// comes back only when a manager checks it (issue 13 item 4).
@Suite("Import History: rows not offered")
struct ImportHistoryNotOfferedTests {
    static let removal = PunchRemoval(removedAt: ImportBench.at, removedBy: "manager", reason: "refunded at the counter")

    /// Refunded, removed earlier, not handed over, then a ✓ row.
    static func review() -> ImportReview {
        let rows = [
            ImportRow(line: ImportBench.line("1", upc: ImportBench.menow, qty: 2), purchaseDate: LocalDate(iso: "2026-11-12")!,
                      status: .refunded, quantity: 1, programID: 1),
            ImportRow(line: ImportBench.line("2", upc: ImportBench.menow, day: 1), purchaseDate: LocalDate(iso: "2026-11-13")!,
                      status: .removedEarlier, quantity: 1, programID: 1, matchedPunchIDs: [12], removal: removal),
            ImportRow(line: ImportBench.line("3", upc: ImportBench.menow, day: 2), purchaseDate: LocalDate(iso: "2026-11-14")!,
                      status: .notHandedOver, quantity: 1, programID: 1),
            ImportRow(line: ImportBench.line("4", upc: ImportBench.menow, day: 3), purchaseDate: LocalDate(iso: "2026-11-15")!,
                      status: .willImport, quantity: 1, programID: 1),
        ]
        return ImportReview(customerID: ImportBench.customerID, start: ImportBench.lastImport, end: ImportBench.today,
                            rows: rows, programs: [1: ImportProgramInfo(id: 1, name: "MeNow Munchies", punchesRequired: 3)],
                            cards: [1: [CardSlot(cardID: 40, createdAt: ImportBench.at, countingPunches: 0, state: .open)]],
                            timeZoneID: "America/New_York")
    }

    @Test func spaceOnARowNotOfferedSaysWhyAndChangesNothing() {
        var b = ImportBench()
        b.reviewing(Self.review())
        let before = b.s.review
        #expect(before?.summary.toImport == 1)
        b.select(0)
        b.ih(.toggleRow)
        #expect(b.h.state.status?.text == "Refunded: a later Lightspeed refund returned this unit, so it is never imported.")
        b.select(2)
        b.ih(.toggleRow)
        #expect(b.h.state.status?.text == ImportHistoryStrings.whyNotOffered(.notHandedOver))
        #expect(b.s.review == before)
    }

    @Test func aCashierCannotBringBackAUnitAManagerRemoved() {
        var b = ImportBench()
        b.reviewing(Self.review())
        let before = b.s.review
        b.select(1)
        b.ih(.toggleRow)
        #expect(b.h.state.status == .error(ImportHistoryStrings.managerRechecks))
        #expect(b.s.review == before)
    }

    @Test func aManagerChecksItAgainDeliberately() {
        var b = ImportBench(user: managerUser)
        b.reviewing(Self.review())
        b.select(1)
        b.ih(.toggleRow)
        #expect(b.s.review?.rows[1].checked == true)
        #expect(b.h.state.status?.text == "Checked again: Agree brings back the unit manager removed (refunded at the counter).")
        #expect(b.s.review?.summary.toImport == 2)
        // And unchecks it again.
        b.ih(.toggleRow)
        #expect(b.s.review?.rows[1].checked == false)
    }
}
