import Foundation
import Testing
import PropertyBased
@testable import LoyaltyCore

/// The Import History engine, with the examples of domain.md and the seed article.
@Suite struct ImportMatchingTests {
    static let munchies = upc("012345678905")     // "MeNow Munchies 12 lb", program 1
    static let treats = upc("036000291452")       // program 2
    static let euroFood = upc("4006381333931")    // an item known only by its EAN, program 2
    static let chewToy = upc("042100005264")      // in no program
    static let programs: [UPC: Int64] = [munchies: 1, treats: 2, euroFood: 2]

    func line(_ id: String, _ time: String, _ code: UPC?, qty: Int = 1, sale: String? = nil,
              parent: String? = nil, voided: Bool = false) -> SaleLine {
        SaleLine(saleID: sale ?? "S" + id, saleLineID: id, completedAt: instant(time), upc: code,
                 description: "item \(id)", quantity: qty, parentSaleLineID: parent, voided: voided)
    }

    func punch(_ id: Int64, _ date: String, _ code: UPC?, source: PunchSource = .counter,
               lineID: String? = nil) -> MatchablePunch {
        MatchablePunch(id: id, upc: code, purchaseDate: day(date), saleLineID: lineID, source: source)
    }

    func match(_ lines: [SaleLine], _ punches: [MatchablePunch], window: Int = 3) -> [ImportRow] {
        ImportMatcher.match(lines: lines, punches: punches, programs: SaleLinePrograms(chainWide: Self.programs),
                            calendar: newYork, duplicateWindowDays: window)
    }

    func shape(_ rows: [ImportRow]) -> [String] {
        rows.map { "\($0.line.saleLineID) \($0.purchaseDate) \($0.status.rawValue) \($0.quantity)" }
    }

    @Test func twoBagsOnOneDayWithOnePunchOnRecord() {
        let rows = match([line("L1", "2019-04-02T14:41:07-04:00", Self.munchies, qty: 2)],
                         [punch(10, "2019-04-02", Self.munchies)])
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 1", "L1 2019-04-02 willImport 1"])
        #expect(rows[0].matchedPunchIDs == [10])
        #expect(rows[1].checked)
        #expect(ImportSummary(rows: rows).toImport == 1)
        #expect(ImportSummary(rows: rows).alreadyExist == 1)
    }

    @Test func threeUnitsOnOneDayWithTwoPunches() {
        let rows = match([line("L1", "2019-04-02T10:00:00-04:00", Self.munchies, qty: 3)],
                         [punch(10, "2019-04-02", Self.munchies, source: .realtime),
                          punch(11, "2019-04-02", Self.munchies, source: .counter)])
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 2", "L1 2019-04-02 willImport 1"])
        #expect(Set(rows[0].matchedPunchIDs) == [10, 11])
    }

    @Test func aRedeemedCardsPunchIsMatchedButARemovedOneIsNot() {
        let when = Date(timeIntervalSince1970: 0)
        let onRedeemedCard = Punch(id: 20, cardID: 7, upc: Self.munchies, itemDescription: "MeNow",
                                   purchaseDate: day("2019-04-02"), source: .import, recordedBy: "amy",
                                   recordedAt: when, saleID: "S9", saleLineID: "L9")
        let removed = Punch(id: 21, cardID: 8, upc: Self.munchies, itemDescription: "MeNow",
                            purchaseDate: day("2019-04-02"), source: .counter, recordedBy: "amy", recordedAt: when,
                            removal: PunchRemoval(removedAt: when, removedBy: "max", reason: "wrong customer"))
        let punches = MatchablePunch.from([onRedeemedCard, removed])
        #expect(punches.map(\.id) == [20])
        let rows = match([line("L1", "2019-04-02T12:00:00-04:00", Self.munchies, qty: 2)], punches)
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 1", "L1 2019-04-02 willImport 1"])
        #expect(rows[0].matchedPunchIDs == [20])
    }

    @Test func aRefundLineWithItsParentIsInformationOnly() {
        let rows = match([line("L1", "2019-04-02T12:00:00-04:00", Self.munchies, qty: 1),
                          line("L2", "2019-04-05T12:00:00-04:00", Self.munchies, qty: -1, parent: "L1")],
                         [punch(30, "2019-04-02", Self.munchies, source: .realtime, lineID: "L1")])
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 1", "L2 2019-04-05 refund -1"])
        #expect(rows[1].matchedPunchIDs == [30], "the refund shows which punch the refunded line earned")
        #expect(!rows[1].checked && !rows[1].commits)
        #expect(ImportSummary(rows: rows).refund == 1)
        #expect(ImportSummary(rows: rows).toImport == 0)
    }

    @Test func aLineWithNoUPCIsNoItem() {
        let rows = match([line("L1", "2019-04-02T12:00:00-04:00", nil, qty: 2)], [])
        #expect(shape(rows) == ["L1 2019-04-02 noItem 2"])
        #expect(rows[0].programID == nil)
        #expect(!rows[0].commits)
    }

    @Test func aUPCInNoProgramIsNoItemUnlessMadeAnException() throws {
        var rows = match([line("L1", "2019-04-02T12:00:00-04:00", Self.chewToy)], [])
        #expect(shape(rows) == ["L1 2019-04-02 noItem 1"])
        #expect(ImportSummary(rows: rows).noItem == 1)
        rows[0].programID = 2
        rows[0].exceptionReason = try ExceptionReason.newItem.validated()
        rows[0].checked = true
        #expect(rows[0].commits)
        let plans = try ImportMatcher.plan(rows: rows, punchesRequired: [2: 10], cards: [:])
        #expect(plans.map(\.programID) == [2])
        #expect(plans[0].units.map(\.exceptionReason) == ["New item / new UPC"])
    }

    @Test func sallysBagAddedByHandTheNextDayIsOfferedAgainFlaggedPossibleDuplicate() {
        // Sally Pet Owner bought a 12 lb bag of MeNow Munchies on 4/2/2019; the cashier forgot the button
        // and added it by hand on 4/3/2019.
        let bought = line("L1", "2019-04-02T15:20:00-04:00", Self.munchies)
        let byHand = punch(40, "2019-04-03", Self.munchies, source: .counter)
        let rows = match([bought], [byHand])
        #expect(shape(rows) == ["L1 2019-04-02 possibleDuplicate 1"])
        #expect(rows[0].matchedPunchIDs == [40])
        #expect(rows[0].checked == false, "starts unchecked")
        #expect(rows[0].status.isSelectable)
        #expect(ImportSummary(rows: rows).toImport == 0)
        #expect(ImportSummary(rows: rows).possibleDuplicate == 1)
        // The product's own behaviour, without the near-miss check: offered again.
        #expect(shape(match([bought], [byHand], window: 0)) == ["L1 2019-04-02 willImport 1"])
        // Too far apart, or not a manual punch: not a near miss.
        #expect(shape(match([bought], [punch(41, "2019-04-06", Self.munchies)])) == ["L1 2019-04-02 willImport 1"])
        #expect(shape(match([bought], [punch(42, "2019-04-03", Self.munchies, source: .import, lineID: "X")]))
                == ["L1 2019-04-02 willImport 1"])
    }

    @Test func anExactMatchElsewhereWinsOverANearMiss() {
        // The 4/3 counter punch belongs to a real 4/3 purchase; the 4/2 purchase is then truly missing.
        let rows = match([line("L1", "2019-04-02T15:00:00-04:00", Self.munchies),
                          line("L2", "2019-04-03T15:00:00-04:00", Self.munchies)],
                         [punch(50, "2019-04-03", Self.munchies)])
        #expect(shape(rows) == ["L1 2019-04-02 willImport 1", "L2 2019-04-03 alreadyExists 1"])
    }

    @Test func aVoidedSaleIsSkipped() {
        let rows = match([line("L1", "2019-04-02T12:00:00-04:00", Self.munchies, qty: 2, voided: true),
                          line("L2", "2019-04-02T13:00:00-04:00", Self.treats)], [])
        #expect(shape(rows) == ["L2 2019-04-02 willImport 1"])
    }

    @Test func aSaleAt2330LocalOnTheNightDSTEndsKeepsItsDay() {
        // 23:30 EST on 2019-11-03 is 04:30 UTC on 2019-11-04.
        let sale = line("L1", "2019-11-04T04:30:00+00:00", Self.munchies, qty: 2)
        let rows = match([sale], [punch(60, "2019-11-03", Self.munchies)])
        #expect(shape(rows) == ["L1 2019-11-03 alreadyExists 1", "L1 2019-11-03 willImport 1"])
        // A punch dated the UTC day does not match by date (at most a near miss).
        #expect(shape(match([sale], [punch(61, "2019-11-04", Self.munchies, source: .import)]))
                == ["L1 2019-11-03 willImport 2"])
    }

    @Test func aLineWhoseItemHasOnlyAnEAN() throws {
        let code = try #require(UPC.fromLightspeedItem(upc: "", ean: "4006381333931", customSku: nil))
        let sale = line("L1", "2019-04-02T12:00:00-04:00", code, qty: 2)
        #expect(shape(match([sale], [])) == ["L1 2019-04-02 willImport 2"])
        #expect(match([sale], [])[0].programID == 2)
        // Scanned at the counter as the same EAN: matches.
        #expect(shape(match([sale], [punch(70, "2019-04-02", upc("4006381333931"))]))
                == ["L1 2019-04-02 alreadyExists 1", "L1 2019-04-02 willImport 1"])
    }

    @Test func matchesBySaleLineIDEvenWhenTheDatesDiffer() {
        // A button punch for L1 recorded (and dated) three days later.
        let rows = match([line("L1", "2019-04-02T12:00:00-04:00", Self.munchies)],
                         [punch(80, "2019-04-05", Self.munchies, source: .realtime, lineID: "L1")])
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 1"])
        #expect(rows[0].matchedPunchIDs == [80])
    }

    @Test func onePunchIsNeverMatchedTwice() {
        let rows = match([line("L1", "2019-04-02T10:00:00-04:00", Self.munchies, sale: "S1"),
                          line("L2", "2019-04-02T16:00:00-04:00", Self.munchies, sale: "S2")],
                         [punch(90, "2019-04-02", Self.munchies)])
        #expect(shape(rows) == ["L1 2019-04-02 alreadyExists 1", "L2 2019-04-02 willImport 1"])
    }

    @Test func aPunchOfAnotherLineIsLeftForThatLine() {
        // L2's button punch must not be eaten by L1 through UPC + date.
        let rows = match([line("L1", "2019-04-02T10:00:00-04:00", Self.munchies),
                          line("L2", "2019-04-02T16:00:00-04:00", Self.munchies)],
                         [punch(91, "2019-04-02", Self.munchies, source: .realtime, lineID: "L2")])
        #expect(shape(rows) == ["L1 2019-04-02 willImport 1", "L2 2019-04-02 alreadyExists 1"])
    }

    @Test func rowsAreInDateOrderAndStatusLabelsAreExact() {
        let rows = match([line("L3", "2019-04-04T10:00:00-04:00", Self.treats),
                          line("L1", "2019-04-02T10:00:00-04:00", Self.munchies)], [])
        #expect(rows.map(\.line.saleLineID) == ["L1", "L3"])
        #expect(ImportStatus.alreadyExists.label == "Transaction Already Exists")
        #expect(ImportStatus.noItem.label == "No Item")
        #expect(ImportStatus.willImport.label == "✓")
        #expect(ImportStatus.willImport.name == "Will import")
        #expect(ImportStatus.refund.label == "Refund")
        #expect(ImportStatus.possibleDuplicate.label == "Possible duplicate")
    }

    @Test func rowsAndSummaryRoundTripThroughJSON() throws {
        let rows = match([line("L1", "2019-04-02T14:41:07-04:00", Self.munchies, qty: 2)],
                         [punch(10, "2019-04-02", Self.munchies)])
        let data = try JSONEncoder().encode(rows)
        #expect(try JSONDecoder().decode([ImportRow].self, from: data) == rows)
        let summary = ImportSummary(rows: rows)
        #expect(try JSONDecoder().decode(ImportSummary.self, from: JSONEncoder().encode(summary)) == summary)
    }

    @Test func planFillsCardsOldestPurchaseFirstAndSaysWhatCompletes() throws {
        let rows = match([line("L2", "2019-04-09T10:00:00-04:00", Self.munchies, qty: 2),
                          line("L1", "2019-04-02T10:00:00-04:00", Self.munchies, qty: 1),
                          line("L3", "2019-04-03T10:00:00-04:00", Self.treats, qty: 1)], [])
        let open = CardSlot(cardID: 5, createdAt: Date(timeIntervalSince1970: 0), countingPunches: 8, state: .open)
        let plans = try ImportMatcher.plan(rows: rows, punchesRequired: [1: 10, 2: 12], cards: [1: [open]])
        #expect(plans.map(\.programID) == [1, 2])
        let munchies = plans[0]
        #expect(munchies.units.map(\.saleLineID) == ["L1", "L2", "L2"])
        #expect(munchies.units.map(\.purchaseDate) == [day("2019-04-02"), day("2019-04-09"), day("2019-04-09")])
        #expect(munchies.fill.placements.map(\.target) == [.existing(5), .existing(5), .new(0)])
        #expect(munchies.fill.completedCardIDs == [5])
        #expect(plans[1].fill.completedCount == 0)
        // Unchecking a row removes its units from the plan.
        var unchecked = rows
        unchecked[unchecked.firstIndex { $0.line.saleLineID == "L2" }!].checked = false
        let fewer = try ImportMatcher.plan(rows: unchecked, punchesRequired: [1: 10, 2: 12], cards: [1: [open]])
        #expect(fewer[0].units.count == 1)
        #expect(ImportSummary(rows: unchecked).text
                == "2 to import, 0 already exist, 0 no item, 0 refund, 0 possible duplicate")
    }
}

/// "Never twice": for random histories, committing the ✓ rows and matching again offers nothing new.
@Suite struct ImportTwicePropertyTests {
    static let codes = [ImportMatchingTests.munchies, ImportMatchingTests.treats, ImportMatchingTests.chewToy]
    // (day 0…6, hour index, code index, quantity −1…3, voided)
    static let lineGen = zip(Gen.int(in: 0...6), Gen.int(in: 0...3), Gen.int(in: 0...2), Gen.int(in: -1...3),
                             Gen.int(in: 0...9))
    // (day 0…6, code index, source index, referenced line or −1)
    static let punchGen = zip(Gen.int(in: 0...6), Gen.int(in: 0...2), Gen.int(in: 0...4), Gen.int(in: -1...9))

    @Test func importTwiceAddsNothing() async {
        await propertyCheck(count: 300, input: Self.lineGen.array(of: 0...10), Self.punchGen.array(of: 0...10)) {
            lineSpecs, punchSpecs in
            let hours = ["09:00:00", "13:15:00", "20:00:00", "23:30:00"]
            let lines = lineSpecs.enumerated().map { index, spec in
                let date = day("2019-11-01").adding(days: spec.0)
                return SaleLine(saleID: "S\(index / 2)", saleLineID: "L\(index)",
                                completedAt: newYork.startOfDay(date).addingTimeInterval(
                                    Double(hours[spec.1].prefix(2))! * 3600 + (spec.1 == 3 ? 1800 : 0)),
                                upc: Self.codes[spec.2], description: "", quantity: spec.3, voided: spec.4 == 0)
            }
            var punches = punchSpecs.enumerated().map { index, spec in
                MatchablePunch(id: Int64(index + 1), upc: Self.codes[spec.1],
                               purchaseDate: day("2019-11-01").adding(days: spec.0),
                               saleLineID: spec.3 >= 0 ? "L\(spec.3)" : nil,
                               source: PunchSource.allCases[spec.2])
            }
            let programs = SaleLinePrograms(chainWide: ImportMatchingTests.programs)
            let first = ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: newYork)

            // Every counted line is fully accounted for, and no punch stands for two units.
            let matched = first.filter { $0.status == .alreadyExists || $0.status == .possibleDuplicate }
                .flatMap(\.matchedPunchIDs)
            #expect(matched.count == Set(matched).count)
            for line in lines where !line.voided && line.quantity > 0 {
                let total = first.filter { $0.line.saleLineID == line.saleLineID }.reduce(0) { $0 + $1.quantity }
                #expect(total == line.quantity)
            }
            #expect(!first.contains { $0.line.voided })

            // Agree: each ✓ unit becomes an import punch with its sale-line ID and purchase date.
            var nextID = Int64(1000)
            for row in first where row.commits {
                for _ in 0..<row.quantity {
                    punches.append(MatchablePunch(id: nextID, upc: row.line.upc, purchaseDate: row.purchaseDate,
                                                  saleLineID: row.line.saleLineID, source: .import))
                    nextID += 1
                }
            }
            let second = ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: newYork)
            #expect(!second.contains { $0.status == .willImport }, "\(second.map(\.id))")
            #expect(ImportSummary(rows: second).toImport == 0)
        }
    }
}
