import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

/// Import History states built through the shell's messages, as the program builds them.
enum ImportScreens {
    static let customerID: Int64 = 7
    static let menow = try! UPC.parse("007123000016")
    static let euro = try! UPC.parse("4006381333931")
    static let toy = try! UPC.parse("099990000015")
    /// 2026-11-12 15:00 UTC.
    static let at = Date(timeIntervalSince1970: 1_794_495_600)

    static func context(linked: Bool = true, connected: Bool = true) -> ImportHistoryContext {
        ImportHistoryContext(customerID: customerID, customerName: "Sally Pet Owner",
                             lightspeedCustomerID: linked ? "101" : nil, lightspeedConnected: connected,
                             lastRealtimeImport: LocalDate(iso: "2026-11-05"), goLive: LocalDate(iso: "2025-10-01"),
                             today: LocalDate(iso: "2026-11-25")!, pointsEnabled: true)
    }

    static func line(_ id: String, _ upc: UPC?, _ name: String, qty: Int = 1, day: Double, parent: String? = nil) -> SaleLine {
        SaleLine(saleID: "5" + id, saleLineID: id, completedAt: at.addingTimeInterval(day * 86_400), upc: upc,
                 description: name, quantity: qty, parentSaleLineID: parent, ticketNumber: "22000005" + id,
                 register: "2", employee: "7")
    }

    static func date(_ day: Double) -> LocalDate {
        StoreCalendar(timeZone: TimeZone(identifier: "America/New_York")!).localDate(of: at.addingTimeInterval(day * 86_400))
    }

    /// Every status: exists, ✓ (checked and unchecked), possible duplicate, No Item (plain and made an
    /// exception), refund, and a points row; one item name far too long for 80 columns.
    static func review() -> ImportReview {
        let long = "MeNow Munchies Grain-Free Chicken & Brown Rice Recipe for Large Breed Adults 24 lb"
        var rows = [
            ImportRow(line: line("1", menow, "MeNow Munchies 12 lb", day: 0), purchaseDate: date(0), status: .alreadyExists,
                      quantity: 1, programID: 1, matchedPunchIDs: [10]),
            ImportRow(line: line("2", menow, long, qty: 3, day: 1), purchaseDate: date(1), status: .alreadyExists,
                      quantity: 2, programID: 1, matchedPunchIDs: [11, 12]),
            ImportRow(line: line("2", menow, long, qty: 3, day: 1), purchaseDate: date(1), status: .willImport,
                      quantity: 1, programID: 1),
            ImportRow(line: line("3", menow, "MeNow Munchies 12 lb", day: 2), purchaseDate: date(2),
                      status: .possibleDuplicate, quantity: 1, programID: 1, matchedPunchIDs: [13]),
            ImportRow(line: line("4", toy, "Squeaky Toy", day: 3), purchaseDate: date(3), status: .noItem, quantity: 1,
                      programID: nil),
            ImportRow(line: line("5", menow, "MeNow Munchies 12 lb", qty: -1, day: 4, parent: "1"), purchaseDate: date(4),
                      status: .refund, quantity: -1, programID: 1, matchedPunchIDs: [10]),
            ImportRow(line: line("6", euro, "EuroKibble 2 kg", day: 5), purchaseDate: date(5), status: .willImport,
                      quantity: 1, programID: 1),
            ImportRow(line: line("7", nil, "Gift wrap", day: 6), purchaseDate: date(6), status: .noItem, quantity: 1,
                      programID: nil),
            ImportRow(line: line("8", menow, "MeNow Munchies 12 lb", day: 7), purchaseDate: date(7), status: .willImport,
                      quantity: 1, programID: 1),
        ]
        rows[6].checked = false
        rows[7].programID = 1
        rows[7].exceptionReason = "New item / new UPC"
        rows[7].checked = true
        let points = [ImportPointsRow(candidate: PointsCandidate(
            sale: PointsSale(saleID: "58", completedAt: at.addingTimeInterval(7 * 86_400 + 60), subtotalCents: 3_499),
            date: date(7), points: 34), ticketNumber: "220000058")]
        return ImportReview(customerID: customerID, start: LocalDate(iso: "2026-11-05")!, end: LocalDate(iso: "2026-11-25")!,
                            rows: rows, points: points, pointsRequested: true,
                            programs: [1: ImportProgramInfo(id: 1, name: "MeNow Munchies", punchesRequired: 5)],
                            cards: [1: [CardSlot(cardID: 40, createdAt: at, countingPunches: 2, state: .open)]],
                            timeZoneID: "America/New_York", fetched: FetchCounts(pages: 1, sales: 9, lines: 10))
    }

    static func driver(_ size: Size, context: ImportHistoryContext = ImportScreens.context()) -> Driver {
        var d = Driver(size: size)
        d.signIn()
        _ = d.feature.openImportHistory(customerID, &d.state)
        d.send(.importHistory(.contextLoaded(context)))
        d.state.status = nil
        return d
    }

    static func reviewing(_ size: Size) -> Driver {
        var d = driver(size)
        d.send(.importHistory(.togglePoints))
        d.send(.importHistory(.enter))
        d.send(.importHistory(.reviewLoaded(generation: d.state.importHistory.generation, review())))
        d.state.status = nil
        return d
    }
}

@Suite("Import History screens")
struct ImportHistoryScreenTests {
    @Test(arguments: sizes)
    func theReviewListWithEveryStatus(size: Size) {
        let d = ImportScreens.reviewing(size)
        let buffer = d.render()
        expectSnapshot(buffer, "review-\(size.width)x\(size.height)")
        let text = buffer.lines.joined(separator: "\n")
        for word in ["Transaction Already Exists", "No Item", "✓", "Refund", "Possible duplicate", "No Item → Exception",
                     "+34 points", "Completes: MeNow Munchies"] {
            #expect(text.contains(word), "\(word) missing")
        }
    }

    @Test func statusesHaveTheirOwnStyles() {
        let buffer = ImportScreens.reviewing(Size(width: 80, height: 24)).render()
        func style(of word: String, in item: String = "") -> Style? {
            for y in (0..<buffer.height).reversed() {
                let row = buffer.text(ofRow: y)
                guard item.isEmpty || row.contains(item), let r = row.range(of: word) else { continue }
                let x = TextWidth.width(of: String(row[..<r.lowerBound]))
                return buffer[x, y].style
            }
            return nil
        }
        #expect(style(of: "Transaction Already Exists") == .dim)
        #expect(style(of: "No Item", in: "Squeaky Toy") == .noItem)
        #expect(style(of: "Refund") == .emphasis)
        #expect(style(of: "Possible duplicate") == .warning)
        #expect(style(of: "No Item → Exception") == .exception)
        let checkRows = (0..<buffer.height).filter {
            buffer.text(ofRow: $0).trimmingCharacters(in: .whitespaces).hasSuffix("✓")
        }
        #expect(checkRows.count == 3)
        let checks = checkRows.map { y -> Style in
            let row = buffer.text(ofRow: y)
            let x = TextWidth.width(of: String(row[..<row.range(of: "✓", options: .backwards)!.lowerBound]))
            return buffer[x, y].style
        }
        #expect(checks.filter { $0 == .success }.count == 2, "the unchecked ✓ row is dimmed: \(checks)")
    }

    /// Refunds net out (issue 13): a unit a later refund returned is "Refunded" (dimmed, never imported), and a
    /// unit whose punch a manager removed is "Removed earlier (by …)", unchecked, in the removed style; its
    /// details say when and why.
    @Test func refundedAndRemovedEarlierRows() throws {
        var d = ImportScreens.driver(Size(width: 80, height: 24))
        var review = ImportScreens.review()
        review.rows = [
            ImportRow(line: ImportScreens.line("1", ImportScreens.menow, "MeNow Munchies 12 lb", qty: 2, day: 0),
                      purchaseDate: ImportScreens.date(0), status: .willImport, quantity: 1, programID: 1),
            ImportRow(line: ImportScreens.line("1", ImportScreens.menow, "MeNow Munchies 12 lb", qty: 2, day: 0),
                      purchaseDate: ImportScreens.date(0), status: .refunded, quantity: 1, programID: 1),
            ImportRow(line: ImportScreens.line("3", ImportScreens.euro, "EuroKibble 2 kg", day: 2),
                      purchaseDate: ImportScreens.date(2), status: .removedEarlier, quantity: 1, programID: 1,
                      matchedPunchIDs: [31],
                      removal: PunchRemoval(removedAt: ImportScreens.at.addingTimeInterval(3 * 86_400),
                                            removedBy: "manager", reason: "Scanned twice")),
        ]
        review.points = []
        review.pointsRequested = false
        d.send(.importHistory(.enter))
        d.send(.importHistory(.reviewLoaded(generation: d.state.importHistory.generation, review)))
        d.state.status = nil
        let buffer = d.render()
        expectSnapshot(buffer, "review-refunded-removed-80x24")
        func cell(_ word: String) throws -> Cell {
            let y = try #require((0..<buffer.height).first { buffer.text(ofRow: $0).contains(word) }, "\(word) not on screen")
            let row = buffer.text(ofRow: y)
            return buffer[TextWidth.width(of: String(row[..<row.range(of: word)!.lowerBound])), y]
        }
        #expect(try cell("Refunded").style == .dim)
        #expect(try cell("Removed earlier (by manager)").style == .removed)
        #expect(buffer.lines.first { $0.contains("Removed earlier") }?.contains("[ ]") == true, "offered unchecked")
        // Enter on the removed row: when and why.
        d.send(.importHistory(.move(.end)))
        d.send(.importHistory(.enter))
        let details = d.render()
        #expect(details.lines.contains { $0.contains("Removed by manager on 2026-11-15") && $0.contains("Scanned twice") })
        expectSnapshot(details, "details-removed-earlier-80x24")
    }

    @Test func theDialogOffersTheLastImport() {
        let d = ImportScreens.driver(Size(width: 80, height: 24))
        let buffer = d.render()
        expectSnapshot(buffer, "dialog-80x24")
        #expect(buffer.lines.contains { $0.contains("Last real-time import:  2026-11-05") })
        #expect(buffer.lines.contains { $0.contains("[ ] Import History for Points") })
    }

    @Test func theDialogTellsHowToLinkFirst() {
        let d = ImportScreens.driver(Size(width: 80, height: 24), context: ImportScreens.context(linked: false))
        expectSnapshot(d.render(), "dialog-not-linked-80x24")
    }

    @Test func aStartBeforeGoLiveIsWarnedAbout() {
        var d = ImportScreens.driver(Size(width: 80, height: 24))
        d.send(.importHistory(.editDate(.ctrl("u"))))
        d.type("2025-09-01") { .importHistory(.editDate($0)) }
        d.send(.importHistory(.enter))
        let buffer = d.render()
        expectSnapshot(buffer, "early-start-80x24")
        #expect(buffer.lines.joined().contains("paper"))
    }

    @Test func theProgressLine() {
        var d = ImportScreens.driver(Size(width: 80, height: 24))
        d.send(.importHistory(.enter))
        d.send(.importHistory(.fetchProgress(generation: 1, FetchCounts(pages: 3, sales: 240, lines: 512))))
        let buffer = d.render()
        expectSnapshot(buffer, "fetching-80x24")
        #expect(buffer.lines.contains { $0.contains("3 pages, 240 sales, 512 lines so far") })
        #expect(buffer.lines.last?.contains("Esc") == true)
    }

    @Test func theDetailsOfALine() {
        var d = ImportScreens.reviewing(Size(width: 80, height: 24))
        d.send(.importHistory(.move(.down)))
        d.send(.importHistory(.move(.down)))
        d.send(.importHistory(.enter))
        let buffer = d.render()
        expectSnapshot(buffer, "details-80x24")
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("Sale ID: 52") && text.contains("Ticket number: 220000052"))
        #expect(text.contains("Register: 2") && text.contains("Employee: 7"))
        #expect(text.contains("Time: 2026-11-13 10:00 (store time)"))
    }

    @Test func theHelpBarAndOverlayComeFromTheKeymap() {
        var d = ImportScreens.reviewing(Size(width: 80, height: 24))
        let bar = d.render().lines.last ?? ""
        for key in ["A", "D", "Space", "Enter", "E"] { #expect(bar.contains(key), "\(key) not in the help bar: \(bar)") }
        d.send(.showHelp)
        let overlay = d.render().lines.joined(separator: "\n")
        #expect(overlay.contains("Agree") && overlay.contains("Decline") && overlay.contains("PgUp/PgDn"))
        let keys = Keymaps.current(for: ImportScreens.reviewing(Size(width: 80, height: 24)).state)
        #expect(keys.message(for: .char("a")) == .importHistory(.agree))
        #expect(keys.message(for: .char("D")) == .importHistory(.decline))
        #expect(keys.message(for: .char(" ")) == .importHistory(.toggleRow))
        #expect(keys.message(for: .char("e")) == .importHistory(.requestException))
        #expect(keys.message(for: .pageDown) == .importHistory(.move(.pageDown)))
        let dialog = Keymaps.current(for: ImportScreens.driver(Size(width: 80, height: 24)).state)
        #expect(dialog.message(for: .up) == .importHistory(.stepDate(.up)))
        #expect(dialog.message(for: .left) == .importHistory(.editDate(.left)))
        #expect(dialog.message(for: .pageUp) == .importHistory(.stepDate(.pageUp)))
        #expect(dialog.message(for: .char("7")) == .importHistory(.editDate(.char("7"))))
        #expect(dialog.message(for: .char(" ")) == .importHistory(.togglePoints))
        #expect(dialog.message(for: .escape) == .importHistory(.escape))
    }
}
