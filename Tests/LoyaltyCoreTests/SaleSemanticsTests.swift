import Foundation
import Testing
@testable import LoyaltyCore

/// Lightspeed as it really is (issue 13): refunds net out, removed punches are not offered again, layaway
/// waits for the goods, purchases are dated in their shop's zone, points are earned after discounts.
@Suite struct SaleSemanticsTests {
    static let munchies = upc("012345678905")
    static let programs: [UPC: Int64] = [munchies: 1]

    func line(_ id: String, _ time: String, qty: Int = 1, parent: String? = nil, voided: Bool = false,
              zone: String? = nil, handedOver: Bool = true) -> SaleLine {
        SaleLine(saleID: "S" + id, saleLineID: id, completedAt: instant(time), upc: Self.munchies,
                 description: "item \(id)", quantity: qty, parentSaleLineID: parent, voided: voided,
                 timeZone: zone.flatMap(TimeZone.init(identifier:)), handedOver: handedOver)
    }

    func match(_ lines: [SaleLine], _ punches: [MatchablePunch] = []) -> [ImportRow] {
        ImportMatcher.match(lines: lines, punches: punches, programs: SaleLinePrograms(chainWide: Self.programs), calendar: newYork)
    }

    func shape(_ rows: [ImportRow]) -> [String] {
        rows.map { "\($0.line.saleLineID) \($0.purchaseDate) \($0.status.rawValue) \($0.quantity)" }
    }

    // MARK: Refunds net out

    @Test func aUnitALaterRefundReturnedIsRefundedNotOffered() {
        let rows = match([line("L1", "2026-11-02T15:00:00-05:00", qty: 2),
                          line("R1", "2026-11-20T10:00:00-05:00", qty: -1, parent: "L1")])
        #expect(shape(rows) == ["L1 2026-11-02 refunded 1", "L1 2026-11-02 willImport 1", "R1 2026-11-20 refund -1"])
        #expect(!rows[0].checked && !rows[0].commits)
        #expect(rows[1].checked && rows[1].commits)
        #expect(ImportSummary(rows: rows).toImport == 1)
        #expect(ImportSummary(rows: rows).refunded == 1)
        #expect(ImportSummary(rows: rows).text.hasSuffix(", 1 refunded"))
    }

    @Test func aVoidedRefundReturnsNothing() {
        let rows = match([line("L1", "2026-11-02T15:00:00-05:00", qty: 2),
                          line("R1", "2026-11-20T10:00:00-05:00", qty: -1, parent: "L1", voided: true)])
        #expect(shape(rows) == ["L1 2026-11-02 willImport 2"])
    }

    @Test func aPunchOnRecordStillStandsForItsUnitBeforeTheRefundCounts() {
        // One unit came through the button (punch 5), one was refunded: nothing is left to offer.
        let rows = match([line("L1", "2026-11-02T15:00:00-05:00", qty: 2),
                          line("R1", "2026-11-20T10:00:00-05:00", qty: -1, parent: "L1")],
                         [MatchablePunch(id: 5, upc: Self.munchies, purchaseDate: day("2026-11-02"), saleLineID: "L1",
                                         source: .realtime)])
        #expect(shape(rows) == ["L1 2026-11-02 alreadyExists 1", "L1 2026-11-02 refunded 1", "R1 2026-11-20 refund -1"])
    }

    // MARK: Removed earlier

    @Test func aUnitWhosePunchAManagerRemovedIsNotOfferedAgainButMayBeRechecked() {
        let removal = PunchRemoval(removedAt: instant("2026-11-21T09:00:00-05:00"), removedBy: "manager",
                                   reason: "customer returned it")
        let removed = MatchablePunch(id: 7, upc: Self.munchies, purchaseDate: day("2026-11-02"), saleLineID: "L1",
                                     source: .realtime, removal: removal)
        var rows = match([line("L1", "2026-11-02T15:00:00-05:00", qty: 2)], [removed])
        #expect(shape(rows) == ["L1 2026-11-02 removedEarlier 1", "L1 2026-11-02 willImport 1"])
        #expect(rows[0].removal == removal)
        #expect(rows[0].matchedPunchIDs == [7])
        #expect(!rows[0].checked && !rows[0].commits)
        // A manager checks it again deliberately: then it commits.
        #expect(rows[0].status.isSelectable && rows[0].status.needsManagerToCheck)
        rows[0].checked = true
        #expect(rows[0].commits)
        // Positive control: without the removed punch, both units are offered.
        #expect(shape(match([line("L1", "2026-11-02T15:00:00-05:00", qty: 2)])) == ["L1 2026-11-02 willImport 2"])
    }

    @Test func aRemovedCounterPunchWithoutASaleLineMatchesByUPCAndDate() {
        let removed = MatchablePunch(id: 8, upc: Self.munchies, purchaseDate: day("2026-11-02"), source: .counter,
                                     removal: PunchRemoval(removedAt: Date(), removedBy: "max", reason: "scanned twice"))
        #expect(shape(match([line("L1", "2026-11-02T15:00:00-05:00")], [removed])) == ["L1 2026-11-02 removedEarlier 1"])
        // Another day: not the same purchase.
        #expect(shape(match([line("L1", "2026-11-05T15:00:00-05:00")], [removed])) == ["L1 2026-11-05 willImport 1"])
    }

    @Test func refundMatchingOffersOnlyCountingPunches() {
        let removed = MatchablePunch(id: 9, upc: Self.munchies, purchaseDate: day("2026-11-02"), saleLineID: "L1",
                                     source: .realtime, removal: PunchRemoval(removedAt: Date(), removedBy: "m", reason: "x"))
        let kept = MatchablePunch(id: 10, upc: Self.munchies, purchaseDate: day("2026-11-02"), saleLineID: "L1",
                                  source: .realtime)
        let refund = line("R1", "2026-11-20T10:00:00-05:00", qty: -1, parent: "L1")
        #expect(RefundMatching.punchIDs(forRefundLines: [refund], punches: [removed, kept]) == ["R1": [10]])
    }

    // MARK: Layaway, special orders, work orders

    @Test func aLayawayLineIsNotHandedOverAndEarnsNothing() {
        let rows = match([line("L1", "2026-11-02T15:00:00-05:00", handedOver: false)])
        #expect(shape(rows) == ["L1 2026-11-02 notHandedOver 1"])
        #expect(!rows[0].commits && !rows[0].status.isSelectable)
        #expect(RealtimeMatching.unitsToAdd(saleLines: [line("L1", "2026-11-02T15:00:00-05:00", handedOver: false)],
                                            punches: [], programs: SaleLinePrograms(chainWide: Self.programs), calendar: newYork).isEmpty)
    }

    // MARK: Dates in the shop's zone

    @Test func aSaleAt2330IsDatedInItsOwnShopsZone() {
        // 23:30 in Los Angeles on Dec 3 is 02:30 on Dec 4 in New York (the store's zone).
        let west = line("W1", "2026-12-03T23:30:00-08:00", zone: "America/Los_Angeles")
        let east = line("E1", "2026-12-03T23:30:00-05:00", zone: "US/Eastern")
        #expect(newYork.purchaseDate(of: west) == day("2026-12-03"))
        #expect(newYork.purchaseDate(of: east) == day("2026-12-03"))
        // Without the shop's zone the western sale would land on the store's next day.
        var unzoned = west
        unzoned.timeZone = nil
        #expect(newYork.purchaseDate(of: unzoned) == day("2026-12-04"))
        #expect(shape(match([west])) == ["W1 2026-12-03 willImport 1"])
    }

    @Test func sameClockTellsAliasesFromDifferentZones() {
        let now = instant("2026-12-04T12:00:00Z")
        #expect(StoreCalendar.sameClock(TimeZone(identifier: "US/Eastern")!, TimeZone(identifier: "America/New_York")!, around: now))
        #expect(!StoreCalendar.sameClock(TimeZone(identifier: "America/Chicago")!, TimeZone(identifier: "America/New_York")!, around: now))
        // Same winter offset, different summer: Arizona keeps standard time.
        #expect(!StoreCalendar.sameClock(TimeZone(identifier: "America/Phoenix")!, TimeZone(identifier: "America/Denver")!, around: now))
    }

    // MARK: Points after discounts, fees, layaway

    @Test func pointsAreEarnedOnTheAmountAfterDiscountsWithoutFeesOrLayaway() {
        let lines = [PointsLine(quantity: 2, cents: 5_998 - 1_000),          // two bags, $10.00 off
                     PointsLine(quantity: 1, cents: 35, isItemFee: true),     // a deposit
                     PointsLine(quantity: 1, cents: 9_999, handedOver: false)] // on layaway
        #expect(SalePoints.earningCents(lines, policy: SalePointsPolicy(itemFeesEarnPoints: false)) == (4_998, 0))
        #expect(SalePoints.earningCents(lines, policy: SalePointsPolicy(itemFeesEarnPoints: true)) == (5_033, 0))
    }

    @Test func aRefundTakesBackWhatItsLineEarned() {
        let refund = [PointsLine(quantity: -1, cents: -(2_999 - 500)), PointsLine(quantity: -1, cents: -35, isItemFee: true)]
        #expect(SalePoints.earningCents(refund, policy: SalePointsPolicy(itemFeesEarnPoints: false)) == (0, 2_499))
        #expect(PointsRule().points(forSubtotalCents: 2_499) == 24)
    }
}
