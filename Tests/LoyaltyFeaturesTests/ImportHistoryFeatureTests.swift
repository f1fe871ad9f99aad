import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

/// A shell on the Import History screen with canned answers: send keys, assert the exact state and effects.
struct ImportBench {
    static let customerID: Int64 = 7
    static let today = LocalDate(iso: "2026-11-25")!
    static let lastImport = LocalDate(iso: "2026-11-05")!
    static let goLive = LocalDate(iso: "2025-10-01")!
    static let menow = try! UPC.parse("007123000016")
    static let other = try! UPC.parse("012345678905")
    static let at = Date(timeIntervalSince1970: 1_763_000_000)

    var h = Harness()

    init(user: User = cashierUser, linked: Bool = true, connected: Bool = true, points: Bool = true) {
        h.signIn(user)
        let asked = h.feature.openImportHistory(Self.customerID, &h.state)
        #expect(asked == [.importHistory(.load(customerID: Self.customerID))])
        #expect(h.state.route == .importHistory(Self.customerID))
        h.send(.importHistory(.contextLoaded(Self.context(linked: linked, connected: connected, points: points))))
    }

    static func context(linked: Bool = true, connected: Bool = true, points: Bool = true) -> ImportHistoryContext {
        ImportHistoryContext(customerID: customerID, customerName: "Sally Pet Owner",
                             lightspeedCustomerID: linked ? "101" : nil, lightspeedConnected: connected,
                             lastRealtimeImport: lastImport, goLive: goLive, today: today, pointsEnabled: points)
    }

    var s: ImportHistoryState { h.state.importHistory }

    @discardableResult
    mutating func ih(_ m: ImportHistoryMsg) -> [Effect] { h.send(.importHistory(m)) }

    static func line(_ id: String, upc: UPC?, qty: Int = 1, day: Double = 0, parent: String? = nil) -> SaleLine {
        SaleLine(saleID: "S" + id, saleLineID: id, completedAt: at.addingTimeInterval(day * 86_400), upc: upc,
                 description: upc == nil ? "Gift card" : "MeNow Munchies 12 lb", quantity: qty, parentSaleLineID: parent,
                 ticketNumber: "T" + id, register: "1", employee: "2")
    }

    /// One row of each status, by date: exists, ✓ (2 units), possible duplicate, No Item, refund.
    static func review() -> ImportReview {
        let rows = [
            ImportRow(line: line("1", upc: menow), purchaseDate: LocalDate(iso: "2026-11-12")!, status: .alreadyExists,
                      quantity: 1, programID: 1, matchedPunchIDs: [10]),
            ImportRow(line: line("2", upc: menow, qty: 2, day: 1), purchaseDate: LocalDate(iso: "2026-11-13")!,
                      status: .willImport, quantity: 2, programID: 1),
            ImportRow(line: line("3", upc: menow, day: 2), purchaseDate: LocalDate(iso: "2026-11-14")!,
                      status: .possibleDuplicate, quantity: 1, programID: 1, matchedPunchIDs: [11]),
            ImportRow(line: line("4", upc: other, day: 3), purchaseDate: LocalDate(iso: "2026-11-15")!, status: .noItem,
                      quantity: 1, programID: nil),
            ImportRow(line: line("5", upc: menow, qty: -1, day: 4, parent: "1"), purchaseDate: LocalDate(iso: "2026-11-16")!,
                      status: .refund, quantity: -1, programID: 1, matchedPunchIDs: [10]),
        ]
        return ImportReview(customerID: customerID, start: lastImport, end: today, rows: rows,
                            programs: [1: ImportProgramInfo(id: 1, name: "MeNow Munchies", punchesRequired: 3)],
                            cards: [1: [CardSlot(cardID: 40, createdAt: at, countingPunches: 1, state: .open)]],
                            timeZoneID: "America/New_York", fetched: FetchCounts(pages: 1, sales: 5, lines: 5))
    }

    /// Dialog → Enter → the review loaded (generation 1).
    mutating func reviewing(_ review: ImportReview = ImportBench.review()) {
        ih(.enter)
        ih(.reviewLoaded(generation: s.generation, review))
    }

    mutating func select(_ row: Int) {
        ih(.move(.home))
        for _ in 0..<row { ih(.move(.down)) }
    }
}

@Suite("Import History: the date dialog")
struct ImportHistoryDialogTests {
    @Test func offersTheLastRealtimeImportAsTheStart() {
        let b = ImportBench()
        #expect(b.s.phase == .choosingDate)
        #expect(b.s.dateField.text == "2026-11-05")
        #expect(b.s.includePoints == false)
    }

    @Test func upGoesBackInTimeByDayAndPageUpByMonthNeverPastToday() {
        var b = ImportBench()
        b.ih(.stepDate(.up))
        #expect(b.s.dateField.text == "2026-11-04")
        b.ih(.stepDate(.up))
        #expect(b.s.dateField.text == "2026-11-03")
        b.ih(.stepDate(.down))
        b.ih(.stepDate(.down))
        #expect(b.s.dateField.text == "2026-11-05")
        b.ih(.stepDate(.pageUp))
        #expect(b.s.dateField.text == "2026-10-05", "PgUp is the earlier month")
        b.ih(.stepDate(.pageDown))
        b.ih(.stepDate(.pageDown))
        #expect(b.s.dateField.text == "2026-11-25", "a month later would be in the future: today")
        b.ih(.stepDate(.down))
        #expect(b.s.dateField.text == "2026-11-25")
        b.ih(.stepDate(.left))
        #expect(b.s.dateField.text == "2026-11-25", "←/→ are the field's cursor keys, not a day step")
    }

    @Test func typingOverTheOfferedDateReplacesIt() {
        var b = ImportBench()
        #expect(b.s.dateField.isAllSelected, "the offered date is selected")
        for c in "2026-10-01" { b.ih(.editDate(.char(c))) }
        #expect(b.s.dateField.text == "2026-10-01")
        b.ih(.stepDate(.up))
        for c in "2026-09-15" { b.ih(.editDate(.char(c))) }
        #expect(b.s.dateField.text == "2026-09-15", "a stepped date is replaced too")
    }

    @Test func aMonthBackFromThe31stLandsOnTheMonthsLastDay() {
        var b = ImportBench()
        b.ih(.editDate(.ctrl("u")))
        for c in "2026-03-31" { b.ih(.editDate(.char(c))) }
        b.ih(.stepDate(.pageUp))
        #expect(b.s.dateField.text == "2026-02-28")
    }

    @Test func typingADateAndLBringsBackTheLastImport() {
        var b = ImportBench()
        b.ih(.editDate(.ctrl("u")))
        for c in "2026-01-15" { b.ih(.editDate(.char(c))) }
        #expect(b.s.dateField.text == "2026-01-15")
        b.ih(.useLastImport)
        #expect(b.s.dateField.text == "2026-11-05")
    }

    @Test func enterFetchesFromTheDateWithThePointsChoice() {
        var b = ImportBench()
        b.ih(.togglePoints)
        #expect(b.s.includePoints)
        let asked = b.ih(.enter)
        #expect(asked == [.importHistory(.fetch(customerID: ImportBench.customerID, start: ImportBench.lastImport,
                                                includePoints: true, generation: 1))])
        #expect(b.s.phase == .fetching(start: ImportBench.lastImport))
    }

    @Test func pointsCannotBeTickedWithoutAPointsProgram() {
        var b = ImportBench(points: false)
        b.ih(.togglePoints)
        #expect(!b.s.includePoints)
        #expect(b.h.state.status?.text == ImportHistoryStrings.pointsOff)
    }

    @Test func aBadOrFutureDateIsRefused() {
        var b = ImportBench()
        b.ih(.editDate(.ctrl("u")))
        for c in "2026-13" { b.ih(.editDate(.char(c))) }
        #expect(b.ih(.enter).isEmpty)
        #expect(b.s.error == ImportHistoryStrings.notADate("2026-13"))
        b.ih(.editDate(.ctrl("u")))
        for c in "2026-12-01" { b.ih(.editDate(.char(c))) }
        #expect(b.ih(.enter).isEmpty)
        #expect(b.s.error == ImportHistoryStrings.inFuture(LocalDate(iso: "2026-12-01")!))
        #expect(b.s.phase == .choosingDate)
    }

    @Test func aStartBeforeGoLiveWarnsAndNeedsY() {
        var b = ImportBench()
        b.ih(.editDate(.ctrl("u")))
        for c in "2025-09-01" { b.ih(.editDate(.char(c))) }
        #expect(b.ih(.enter).isEmpty)
        #expect(b.s.phase == .confirmEarlyStart(LocalDate(iso: "2025-09-01")!))
        #expect(b.ih(.enter).isEmpty, "Enter does not accept the risk: Y does")
        b.ih(.escape)
        #expect(b.s.phase == .choosingDate)
        b.ih(.enter)
        let asked = b.ih(.confirm)
        #expect(asked == [.importHistory(.fetch(customerID: ImportBench.customerID, start: LocalDate(iso: "2025-09-01")!,
                                                includePoints: false, generation: 1))])
    }

    @Test func aCustomerWithoutALinkIsToldHowToLinkFirst() {
        var b = ImportBench(linked: false)
        #expect(b.ih(.enter).isEmpty)
        #expect(b.s.error == ImportHistoryStrings.notLinked("Sally Pet Owner"))
        #expect(b.s.error?.contains("Link them first") == true)
    }

    @Test func lightspeedNotConnectedSaysAnAdminConnectsIt() {
        var b = ImportBench(connected: false)
        #expect(b.ih(.enter).isEmpty)
        #expect(b.s.error == ImportHistoryStrings.notConnected)
        #expect(b.s.error?.contains("admin") == true)
    }

    @Test func escOnTheDialogGoesBackToTheCheckoutReloaded() {
        var b = ImportBench()
        let asked = b.ih(.escape)
        #expect(asked == [.checkout(.load(customerID: ImportBench.customerID))])
        #expect(b.h.state.route == .checkout(ImportBench.customerID))
    }
}

@Suite("Import History: fetching")
struct ImportHistoryFetchTests {
    @Test func progressIsShownAsItComes() {
        var b = ImportBench()
        b.ih(.enter)
        b.ih(.fetchProgress(generation: 1, FetchCounts(pages: 2, sales: 150, lines: 320)))
        #expect(b.s.progress == FetchCounts(pages: 2, sales: 150, lines: 320))
        #expect(ImportHistoryStrings.progress(b.s.progress) == "2 pages, 150 sales, 320 lines so far")
    }

    @Test func escMidFetchCancelsItAndItsLateAnswersAreDropped() {
        var b = ImportBench()
        b.ih(.enter)
        b.ih(.fetchProgress(generation: 1, FetchCounts(pages: 1, sales: 100, lines: 200)))
        let asked = b.ih(.escape)
        #expect(asked == [.cancel(.importHistoryFetch(1))])
        #expect(b.s.phase == .choosingDate)
        #expect(b.h.state.status?.text == ImportHistoryStrings.cancelled)
        b.ih(.fetchProgress(generation: 1, FetchCounts(pages: 2, sales: 200, lines: 400)))
        b.ih(.reviewLoaded(generation: 1, ImportBench.review()))
        b.ih(.fetchFailed(generation: 1, .lightspeed(.timedOut)))
        #expect(b.s.phase == .choosingDate)
        #expect(b.s.review == nil)
        #expect(b.s.error == nil)
        #expect(b.h.state.route == .importHistory(ImportBench.customerID))
        // A new fetch gets a new generation; only its answers count.
        let again = b.ih(.enter)
        #expect(again == [.importHistory(.fetch(customerID: ImportBench.customerID, start: ImportBench.lastImport,
                                                includePoints: false, generation: 3))])
        b.ih(.reviewLoaded(generation: 3, ImportBench.review()))
        #expect(b.s.phase == .reviewing)
    }

    /// Issue 14 #1's cause elsewhere: reopening Import History (another customer) keeps counting fetch
    /// generations, so the previous visit's late answer is not taken for this visit's fetch.
    @Test func anotherVisitsLateAnswerIsNotTakenForThisOnes() {
        var b = ImportBench()
        b.ih(.enter)
        let first = b.s.generation
        b.ih(.escape)
        b.ih(.escape)
        #expect(b.h.state.route == .checkout(ImportBench.customerID))
        _ = b.h.feature.openImportHistory(8, &b.h.state)
        var other = ImportBench.context()
        other.customerID = 8
        b.h.send(.importHistory(.contextLoaded(other)))
        let asked = b.ih(.enter)
        guard case .importHistory(.fetch(8, _, _, let generation))? = asked.first else {
            Issue.record("expected a fetch, got \(asked)")
            return
        }
        #expect(generation > first)
        b.ih(.reviewLoaded(generation: first, ImportBench.review()))
        #expect(b.s.review == nil, "customer 7's late review was shown as customer 8's")
    }

    @Test func aNetworkFaultEndsInAClearMessageBackOnTheDialog() {
        var b = ImportBench()
        b.ih(.enter)
        b.ih(.fetchFailed(generation: 1, .lightspeed(.unreachable(detail: "connection refused"))))
        #expect(b.s.phase == .choosingDate)
        #expect(b.s.error == LightspeedError.unreachable(detail: "connection refused").description + " Nothing was changed.")
        #expect(b.h.state.status?.kind == .error)
    }
}

@Suite("Import History: the review list")
struct ImportHistoryReviewTests {
    @Test func theReviewListsEveryRowByDateWithGreenRowsChecked() {
        var b = ImportBench()
        b.reviewing()
        #expect(b.s.phase == .reviewing)
        #expect(b.s.entries == [.line(0), .line(1), .line(2), .line(3), .line(4)])
        #expect(b.s.selection.index == 0)
        let review = b.s.review!
        #expect(review.rows.map(\.checked) == [false, true, false, false, false])
        #expect(review.summary.text == "2 to import, 1 already exist, 1 no item, 1 refund, 1 possible duplicate")
        #expect(review.completions == ["MeNow Munchies"], "1 + 2 fills the card of 3")
    }

    @Test func arrowsPagesHomeAndEndMoveTheSelection() {
        var b = ImportBench()
        b.reviewing()
        b.ih(.move(.down))
        #expect(b.s.selection.index == 1)
        b.ih(.move(.end))
        #expect(b.s.selection.index == 4)
        b.ih(.move(.up))
        #expect(b.s.selection.index == 3)
        b.ih(.move(.home))
        #expect(b.s.selection.index == 0)
        b.ih(.move(.pageDown))
        #expect(b.s.selection.index == 4)
        b.ih(.move(.pageUp))
        #expect(b.s.selection.index == 0)
    }

    @Test func spaceUnchecksAndRechecksAGreenRowAndChecksAPossibleDuplicate() {
        var b = ImportBench()
        b.reviewing()
        b.select(1)
        b.ih(.toggleRow)
        #expect(b.s.review?.rows[1].checked == false)
        #expect(b.s.review?.summary.toImport == 0)
        #expect(b.s.review?.completions == [])
        b.ih(.toggleRow)
        #expect(b.s.review?.rows[1].checked == true)
        b.select(2)
        b.ih(.toggleRow)
        #expect(b.s.review?.rows[2].checked == true)
        #expect(b.s.review?.summary.toImport == 3)
    }

    @Test func spaceOnOtherRowsExplainsAndChangesNothing() {
        var b = ImportBench()
        b.reviewing()
        let before = b.s.review
        b.select(0)
        b.ih(.toggleRow)
        #expect(b.h.state.status?.text == ImportHistoryStrings.whyNotOffered(.alreadyExists))
        b.select(4)
        b.ih(.toggleRow)
        #expect(b.h.state.status?.text == ImportHistoryStrings.refundInfo)
        #expect(b.s.review == before)
    }

    @Test func enterShowsTheLinesDetailsAndEscClosesThem() {
        var b = ImportBench()
        b.reviewing()
        b.select(2)
        b.ih(.enter)
        #expect(b.s.modal == .details(.line(2)))
        b.ih(.agree)
        #expect(b.s.phase == .reviewing, "no Agree behind a dialog")
        b.ih(.escape)
        #expect(b.s.modal == nil)
        #expect(b.s.phase == .reviewing, "Esc closed the details, it did not decline")
    }

    @Test func eOnANoItemRowMakesAnExceptionForAManager() {
        var b = ImportBench(user: managerUser)
        b.reviewing()
        b.select(1)
        b.ih(.requestException)
        #expect(b.s.modal == nil)
        #expect(b.h.state.status?.text == ImportHistoryStrings.onlyNoItem)
        b.select(3)
        b.ih(.requestException)
        guard case .exception(let form, rowIndex: 3)? = b.s.modal else {
            Issue.record("no exception form: \(String(describing: b.s.modal))")
            return
        }
        #expect(form.fields.map(\.label) == ["Program", "Reason", "Other reason"])
        #expect(form.choice(0) == -1, "no program chosen for the cashier")
        b.ih(.modalEdit(.right)) // the first program
        b.ih(.modalNextField)
        b.ih(.modalEdit(.right))
        #expect(b.ih(.modalSubmit).isEmpty)
        #expect(b.s.modal == nil)
        let row = b.s.review!.rows[3]
        #expect(row.programID == 1)
        #expect(row.exceptionReason == "Different size")
        #expect(row.checked && row.commits)
        #expect(b.s.review?.summary.toImport == 3)
    }

    @Test func anOtherReasonNeedsWords() {
        var b = ImportBench(user: managerUser)
        b.reviewing()
        b.select(3)
        b.ih(.requestException)
        b.ih(.modalEdit(.right))
        b.ih(.modalNextField)
        for _ in 0..<3 { b.ih(.modalEdit(.right)) }
        b.ih(.modalSubmit)
        guard case .exception(let form, _)? = b.s.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(form.error == CardRefusal.otherReasonNeedsText.description)
        b.ih(.modalNextField)
        for c in "Bag torn, sold loose" { b.ih(.modalEdit(.char(c))) }
        b.ih(.enter)
        #expect(b.s.review?.rows[3].exceptionReason == "Other: Bag torn, sold loose")
    }

    @Test func aCashiersExceptionAsksForAManagersPIN() {
        var b = ImportBench()
        b.reviewing()
        b.select(3)
        b.ih(.requestException)
        b.ih(.modalEdit(.right))
        b.ih(.modalSubmit)
        guard case .override(_, 3, 1, "New item / new UPC", false)? = b.s.modal else {
            Issue.record("no override: \(String(describing: b.s.modal))")
            return
        }
        #expect(b.ih(.modalSubmit).isEmpty)
        #expect(b.h.state.status?.text == ImportHistoryStrings.managerNeeded)
        for c in "manager" { b.ih(.modalEdit(.char(c))) }
        b.ih(.modalNextField)
        for c in "2222" { b.ih(.modalEdit(.char(c))) }
        let asked = b.ih(.enter)
        #expect(asked == [.importHistory(.approve(Operator(cashierUser), manager: "manager", pin: "2222"))])
        b.ih(.escape)
        #expect(b.s.modal != nil, "Esc cannot interrupt the PIN check")
        b.ih(.approvalRefused(.store(.wrongSecret(attemptsLeft: 0))))
        guard case .override(let form, _, _, _, false)? = b.s.modal else {
            Issue.record("the override closed")
            return
        }
        #expect(form.text(1).isEmpty && form.error == "Wrong username, password or PIN.")
        b.ih(.modalEdit(.char("2")))
        b.ih(.enter)
        let approved = Operator(cashierUser, approvedBy: managerUser)
        b.ih(.approved(approved))
        #expect(b.s.modal == nil)
        #expect(b.s.approvedOperator == approved)
        #expect(b.s.review?.rows[3].commits == true)
        let commit = b.ih(.agree)
        #expect(commit == [.importHistory(.commit(b.s.review!, by: approved))])
    }

    @Test func agreeCommitsTheReviewAsIsThenReturnsToTheCheckoutReloaded() {
        var b = ImportBench()
        b.reviewing()
        let asked = b.ih(.agree)
        #expect(asked == [.importHistory(.commit(ImportBench.review(), by: Operator(cashierUser)))])
        #expect(b.s.phase == .committing)
        #expect(b.ih(.decline).isEmpty && b.s.phase == .committing, "nothing interrupts a commit")
        let back = b.ih(.committed(ImportOutcome(runID: 1, punchesAdded: 2, completedCardIDs: [40], pointsAdded: 0),
                                   completions: ["MeNow Munchies"]))
        #expect(back == [.checkout(.load(customerID: ImportBench.customerID))])
        #expect(b.h.state.route == .checkout(ImportBench.customerID))
        #expect(b.h.state.checkout.justCompleted == [40])
        #expect(b.h.state.status == .success("Import History: 2 punches added. Reward earned: MeNow Munchies."))
    }

    @Test func agreeWithNothingCheckedSaysSo() {
        var b = ImportBench()
        var review = ImportBench.review()
        review.rows[1].checked = false
        b.reviewing(review)
        #expect(b.ih(.agree).isEmpty)
        #expect(b.h.state.status?.text == ImportHistoryStrings.nothingChecked)
    }

    @Test func aFailedCommitLeavesTheReviewAsItWas() {
        var b = ImportBench()
        b.reviewing()
        b.ih(.agree)
        b.ih(.commitFailed(.store(.storeBusy(path: "store.sqlite"))))
        #expect(b.s.phase == .reviewing)
        #expect(b.s.review == ImportBench.review())
        #expect(b.h.state.status?.kind == .error)
    }

    @Test func declineReturnsToTheDateChoiceWithNothingChanged() {
        var b = ImportBench()
        b.reviewing()
        #expect(b.ih(.decline).isEmpty)
        #expect(b.s.phase == .choosingDate)
        #expect(b.s.review == nil)
        #expect(b.s.dateField.text == "2026-11-05")
        b.reviewing()
        #expect(b.ih(.escape).isEmpty, "Esc on the list declines too")
        #expect(b.s.phase == .choosingDate)
    }

    @Test func pointsRowsAreListedByDateAndCanBeUnchecked() {
        var b = ImportBench()
        var review = ImportBench.review()
        review.pointsRequested = true
        review.points = [ImportPointsRow(candidate: PointsCandidate(
            sale: PointsSale(saleID: "S2", completedAt: ImportBench.at.addingTimeInterval(86_400), subtotalCents: 4_599),
            date: LocalDate(iso: "2026-11-13")!, points: 45), ticketNumber: "T2")]
        b.reviewing(review)
        #expect(b.s.entries == [.line(0), .line(1), .points(0), .line(2), .line(3), .line(4)])
        #expect(b.s.review?.pointsToAdd == 45)
        b.select(2)
        b.ih(.toggleRow)
        #expect(b.s.review?.pointsToAdd == 0)
    }
}
