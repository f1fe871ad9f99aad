import Foundation
import Testing
import PropertyBased
@testable import LoyaltyCore

/// Issue 9: "any interleaving of counter scans, button presses and imports never puts one sale line on a card
/// twice", at the rule level. The button adds `RealtimeMatching.unitsToAdd` for its one sale as *realtime*
/// punches with their sale-line IDs; an import adds the ✓ units of all lines. Counter scans record real purchases (never more
/// than were bought of that UPC that day), without a sale-line ID.
@Suite struct InterleavingPropertyTests {
    static let codes = [ImportMatchingTests.munchies, ImportMatchingTests.treats]
    // (day 0…2, code 0…1, quantity 1…3)
    static let lineGen = zip(Gen.int(in: 0...2), Gen.int(in: 0...1), Gen.int(in: 1...3)).array(of: 1...8)
    // Counter scans per (day, code) group, clipped to what was bought.
    static let scanGen = Gen.int(in: 0...3).array(of: 6)
    // −1: Import History over everything; otherwise: the button for sale k (when it exists).
    static let opGen = Gen.int(in: -1...4).array(of: 0...8)

    @Test func noSequenceAddsAPurchaseTwice() async {
        await propertyCheck(count: 300, input: Self.lineGen, Self.scanGen, Self.opGen) { specs, scans, ops in
            let lines = specs.enumerated().map { i, s in
                SaleLine(saleID: "S\(i / 2)", saleLineID: "L\(i)",
                         completedAt: newYork.startOfDay(day("2019-11-02").adding(days: s.0)).addingTimeInterval(
                            Double(9 + i) * 3600),
                         upc: Self.codes[s.1], description: "", quantity: s.2)
            }
            let programs = SaleLinePrograms(chainWide: ImportMatchingTests.programs)
            func group(_ date: LocalDate, _ code: UPC) -> Int {
                date.days(since: day("2019-11-02")) * 2 + Self.codes.firstIndex(of: code)!
            }
            var bought = Array(repeating: 0, count: 6)
            for line in lines { bought[group(newYork.localDate(of: line.completedAt), line.upc!)] += line.quantity }

            var punches: [MatchablePunch] = []
            var nextID: Int64 = 1
            for g in 0..<6 {
                for _ in 0..<min(scans[g], bought[g]) {
                    punches.append(MatchablePunch(id: nextID, upc: Self.codes[g % 2],
                                                  purchaseDate: day("2019-11-02").adding(days: g / 2), source: .counter))
                    nextID += 1
                }
            }
            func commit(_ rows: [ImportRow], source: PunchSource) {
                for row in rows where row.status == .willImport {
                    for _ in 0..<row.quantity {
                        punches.append(MatchablePunch(id: nextID, upc: row.line.upc, purchaseDate: row.purchaseDate,
                                                      saleLineID: row.line.saleLineID, source: source))
                        nextID += 1
                    }
                }
            }
            func checkNeverMoreThanBought() {
                var recorded = Array(repeating: 0, count: 6)
                for punch in punches { recorded[group(punch.purchaseDate, punch.upc!)] += 1 }
                #expect(recorded == zip(recorded, bought).map { min($0, $1) }, "recorded \(recorded), bought \(bought)")
                for line in lines {
                    #expect(punches.filter { $0.saleLineID == line.saleLineID }.count <= line.quantity)
                }
            }
            for op in ops {
                if op < 0 {
                    commit(ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: newYork),
                           source: .import)
                } else {
                    let sale = lines.filter { $0.saleID == "S\(op)" }
                    commit(RealtimeMatching.unitsToAdd(saleLines: sale, punches: punches, programs: programs,
                                                       calendar: newYork), source: .realtime)
                }
                checkNeverMoreThanBought()
            }
            // A final import brings every purchase onto the cards, exactly once.
            commit(ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: newYork),
                   source: .import)
            var recorded = Array(repeating: 0, count: 6)
            for punch in punches { recorded[group(punch.purchaseDate, punch.upc!)] += 1 }
            #expect(recorded == bought)
        }
    }
}

@Suite struct RealtimeMatchingTests {
    @Test func buttonAfterACounterScanOfTheSamePurchaseAddsNothing() {
        let sale = [SaleLine(saleID: "S1", saleLineID: "L1", completedAt: instant("2019-04-02T15:00:00-04:00"),
                             upc: ImportMatchingTests.munchies, description: "MeNow", quantity: 2)]
        let scanned = [MatchablePunch(id: 1, upc: ImportMatchingTests.munchies, purchaseDate: day("2019-04-02"),
                                      source: .counter)]
        let programs = SaleLinePrograms(chainWide: ImportMatchingTests.programs)
        let rows = RealtimeMatching.unitsToAdd(saleLines: sale, punches: scanned, programs: programs, calendar: newYork)
        #expect(rows.map(\.quantity) == [1])
        // Pressed again after those units were added: nothing.
        let added = scanned + [MatchablePunch(id: 2, upc: ImportMatchingTests.munchies, purchaseDate: day("2019-04-02"),
                                              saleLineID: "L1", source: .realtime)]
        #expect(RealtimeMatching.unitsToAdd(saleLines: sale, punches: added, programs: programs, calendar: newYork).isEmpty)
        // A counter punch of the day before is no reason to skip (no near-miss check here).
        let yesterday = [MatchablePunch(id: 3, upc: ImportMatchingTests.munchies, purchaseDate: day("2019-04-01"),
                                        source: .counter)]
        #expect(RealtimeMatching.unitsToAdd(saleLines: sale, punches: yesterday, programs: programs, calendar: newYork)
                    .map(\.quantity) == [2])
    }
}
