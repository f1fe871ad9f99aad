import Foundation
import LoyaltyCore
@testable import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

/// The watcher's screens as view-models: send a message, assert the exact state and effects.
enum WatcherFixtures {
    static let at = Date(timeIntervalSince1970: 1_764_800_000)
    static let dana = UnlinkedLightspeedCustomer(
        lightspeedCustomerID: "120", firstName: "Dana", lastName: "Newcomer", phone: "555-010-2222", email: "dana@example.com",
        saleIDs: ["9001", "9002"], firstSale: at.addingTimeInterval(-3 * 86_400), lastSale: at,
        sales: [QueuedSale(saleID: "9001", completeTime: at.addingTimeInterval(-3 * 86_400), totalCents: 3499),
                QueuedSale(saleID: "9002", completeTime: at, totalCents: 599)])
    static let lee = UnlinkedLightspeedCustomer(
        lightspeedCustomerID: "130", firstName: "Lee", lastName: "Nobody", phone: nil, email: nil, saleIDs: ["9010"],
        firstSale: at, lastSale: at, sales: [QueuedSale(saleID: "9010", completeTime: at, totalCents: 1250)])
    static let danaMatch = UnlinkedQueue.Match(customerID: 12, name: "Dana Newcomer", phone: "555-010-2222", email: nil,
                                               reasons: ["same phone", "same name"])
    static let data = UnlinkedData(entries: [UnlinkedQueue.Entry(lightspeed: dana, matches: [danaMatch]),
                                             UnlinkedQueue.Entry(lightspeed: lee, matches: [])],
                                   timeZoneID: "America/New_York")

    static func harness(_ user: User, on page: WatcherPage) -> Harness {
        var h = Harness()
        h.signIn(user)
        h.send(.admin(.openMenu))
        h.send(.admin(.open(.watcher(page))))
        return h
    }

    static func sweepResult() -> SalesSweep.Result {
        let review = ImportBench.review()
        var nothing = review
        nothing.customerID = 8
        nothing.rows = nothing.rows.filter { $0.status == .alreadyExists }
        let range = try! ImportRange(start: LocalDate(iso: "2026-10-26")!, now: Date(timeIntervalSince1970: 1_796_000_000),
                                     goLive: nil, calendar: StoreCalendar(timeZone: TimeZone(identifier: "America/New_York")!))
        return SalesSweep.Result(range: range, customers: [
            SalesSweep.CustomerResult(customerID: 7, name: "Sally Pet Owner", lightspeedCustomerID: "101", review: review),
            SalesSweep.CustomerResult(customerID: 8, name: "Max Barker", lightspeedCustomerID: "102", review: nothing),
        ], pages: 3, sales: 40, unlinkedSales: 2)
    }
}

@Suite struct UnlinkedScreenTests {
    @Test func aManagerOpensTheQueueFromTheMenuAndItLoads() {
        var h = Harness()
        h.signIn(managerUser)
        h.send(.admin(.openMenu))
        let effects = h.send(.admin(.open(.watcher(.unlinked))))
        #expect(h.state.route == .admin(.watcher(.unlinked)))
        #expect(effects == [.watcher(.loadUnlinked)])
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        #expect(h.state.watcherScreens.unlinked.rows == [.lightspeed(entry: 0), .candidate(entry: 0, candidate: 0),
                                                         .lightspeed(entry: 1)])
        #expect(h.state.watcherScreens.unlinked.selection.index == 0)
        #expect(h.state.watcherScreens.unlinked.busy == false)
    }

    @Test func aCashierIsRefusedTheQueueAndEveryKeyOnIt() {
        var h = Harness()
        h.signIn(cashierUser)
        h.send(.admin(.openMenu))
        #expect(h.send(.admin(.open(.watcher(.unlinked)))).isEmpty)
        #expect(h.state.route == .admin(.menu))
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.reviewLightspeedSales)))
        // Even routed there, no key reaches the store.
        h.state.route = .admin(.watcher(.unlinked))
        h.state.watcherScreens.unlinked.data = WatcherFixtures.data
        h.state.watcherScreens.unlinked.selection = ListSelection(count: 3, index: 1)
        #expect(h.send(.watcher(.unlinked(.enter))).isEmpty)
        #expect(h.send(.watcher(.unlinked(.addNew))).isEmpty)
        #expect(h.state.watcherScreens.unlinked.ask == nil)
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.reviewLightspeedSales)))
    }

    @Test func enterOnACandidateAsksThenYLinksThatCustomer() {
        var h = WatcherFixtures.harness(managerUser, on: .unlinked)
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        // On the Lightspeed customer's own row Enter says what to do.
        #expect(h.send(.watcher(.unlinked(.enter))).isEmpty)
        #expect(h.state.watcherScreens.unlinked.ask == nil)
        #expect(h.state.status?.text == WatcherScreensStrings.pickCandidate)
        h.send(.watcher(.unlinked(.move(.down))))
        #expect(h.send(.watcher(.unlinked(.enter))).isEmpty)
        #expect(h.state.watcherScreens.unlinked.ask == .link(entry: 0, candidate: 0))
        let effects = h.send(.watcher(.unlinked(.confirm)))
        #expect(effects == [.watcher(.link(customerID: 12, lightspeedID: "120", by: Operator(managerUser)))])
        #expect(h.state.watcherScreens.unlinked.ask == nil)
        #expect(h.state.watcherScreens.unlinked.busy)
    }

    @Test func nAsksToAddTheLightspeedCustomerAndNCancels() {
        var h = WatcherFixtures.harness(managerUser, on: .unlinked)
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        h.send(.watcher(.unlinked(.move(.end))))
        h.send(.watcher(.unlinked(.addNew)))
        #expect(h.state.watcherScreens.unlinked.ask == .add(entry: 1))
        // N (or Esc) on the question: back, nothing asked of the store, still on the queue.
        #expect(h.send(.watcher(.unlinked(.back))).isEmpty)
        #expect(h.state.watcherScreens.unlinked.ask == nil)
        #expect(h.state.route == .admin(.watcher(.unlinked)))
        h.send(.watcher(.unlinked(.addNew)))
        #expect(h.send(.watcher(.unlinked(.confirm))) == [.watcher(.addAndLink(lightspeedID: "130", by: Operator(managerUser)))])
        // Esc with no question leaves for the menu.
        h.send(.watcher(.unlinked(.back)))
        #expect(h.state.route == .admin(.menu))
    }

    @Test func aLinkWhoseOlderSalesNeedAReviewOpensImportHistoryOnThem() {
        var h = WatcherFixtures.harness(managerUser, on: .unlinked)
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        var review = ImportBench.review()
        review.queuedSaleIDs = ["9001"]
        let result = UnlinkedQueue.LinkResult(customerID: ImportBench.customerID, customerName: "Sally Pet Owner",
                                              lightspeedCustomerID: "120", sales: [], review: review,
                                              reviewContext: ImportBench.context(), settledOlder: 0)
        let after = UnlinkedData(entries: [UnlinkedQueue.Entry(lightspeed: WatcherFixtures.lee, matches: [])], timeZoneID: "America/New_York")
        let effects = h.send(.watcher(.unlinked(.linked(result, after))))
        #expect(effects.isEmpty)
        #expect(h.state.route == .importHistory(ImportBench.customerID))
        #expect(h.state.importHistory.phase == .reviewing)
        #expect(h.state.importHistory.review == review)
        #expect(h.state.importHistory.context == ImportBench.context())
        #expect(h.state.status == .success(WatcherScreensStrings.linked(result)))
        // Agree commits that review (with the queued sale IDs it settles) as Import History's Agree.
        #expect(h.send(.importHistory(.agree)) == [.importHistory(.commit(review, by: Operator(managerUser)))])
    }

    @Test func aLinkWithOnlyTodaysSalesStaysOnTheQueueAndSaysWhatWasRecorded() {
        var h = WatcherFixtures.harness(managerUser, on: .unlinked)
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        var sale = LightspeedSaleOutcome(kind: .sale, saleID: "9002", status: .recorded)
        sale.punchIDs = [1, 2]
        let result = UnlinkedQueue.LinkResult(customerID: 12, customerName: "Dana Newcomer", lightspeedCustomerID: "120",
                                              sales: [sale], review: nil, reviewContext: nil, settledOlder: 1)
        let after = UnlinkedData(entries: [UnlinkedQueue.Entry(lightspeed: WatcherFixtures.lee, matches: [])], timeZoneID: "America/New_York")
        h.send(.watcher(.unlinked(.linked(result, after))))
        #expect(h.state.route == .admin(.watcher(.unlinked)))
        #expect(h.state.watcherScreens.unlinked.rows == [.lightspeed(entry: 0)])
        #expect(h.state.status == .success(
            "Linked Dana Newcomer to Lightspeed customer 120; 1 sale of today recorded (2 punches); 1 older sale already on record."))
    }

    @Test func aFailedLinkSaysWhyAndTheQueueStays() {
        var h = WatcherFixtures.harness(managerUser, on: .unlinked)
        h.send(.watcher(.unlinked(.loaded(WatcherFixtures.data))))
        h.send(.watcher(.unlinked(.move(.down))))
        h.send(.watcher(.unlinked(.enter)))
        h.send(.watcher(.unlinked(.confirm)))
        h.send(.watcher(.unlinked(.failed(.lightspeed(.notConnected)))))
        #expect(h.state.watcherScreens.unlinked.busy == false)
        #expect(h.state.watcherScreens.unlinked.data == WatcherFixtures.data)
        #expect(h.state.status?.kind == .error)
        #expect(h.state.status?.text.hasSuffix("Nothing else was changed.") == true)
    }
}

@Suite struct SweepScreenTests {
    static let today = LocalDate(iso: "2026-11-25")!

    func ready(_ user: User = managerUser, goLive: LocalDate? = nil) -> Harness {
        var h = WatcherFixtures.harness(user, on: .sweep)
        h.send(.watcher(.sweep(.ready(today: Self.today, goLive: goLive))))
        return h
    }

    @Test func itOffersThirtyDaysBackSelectedAndStepsLikeImportHistory() {
        var h = WatcherFixtures.harness(managerUser, on: .sweep)
        #expect(h.state.watcherScreens.sweep.phase == .loading)
        h.send(.watcher(.sweep(.ready(today: Self.today, goLive: nil))))
        #expect(h.state.watcherScreens.sweep.phase == .choosingDate)
        #expect(h.state.watcherScreens.sweep.dateField.text == "2026-10-26")
        h.send(.watcher(.sweep(.stepDate(.up))))
        #expect(h.state.watcherScreens.sweep.dateField.text == "2026-10-25")
        h.send(.watcher(.sweep(.stepDate(.pageDown))))
        #expect(h.state.watcherScreens.sweep.dateField.text == "2026-11-25")
        h.send(.watcher(.sweep(.stepDate(.down))))
        #expect(h.state.watcherScreens.sweep.dateField.text == "2026-11-25", "never past today")
    }

    @Test func aBadOrFutureDateIsRefusedInPlaceAndNothingRuns() {
        var h = ready()
        h.type("2026-13-01") { .watcher(.sweep(.editDate($0))) }
        #expect(h.send(.watcher(.sweep(.enter))).isEmpty)
        #expect(h.state.watcherScreens.sweep.error == ImportHistoryStrings.notADate("2026-13-01"))
        h.state.watcherScreens.sweep.dateField.setText("2026-11-26")
        #expect(h.send(.watcher(.sweep(.enter))).isEmpty)
        #expect(h.state.watcherScreens.sweep.error == ImportHistoryStrings.inFuture(LocalDate(iso: "2026-11-26")!))
        #expect(h.state.watcherScreens.sweep.phase == .choosingDate)
    }

    @Test func beforeGoLiveAsksFirstThenRuns() {
        var h = ready(goLive: LocalDate(iso: "2026-11-01")!)
        #expect(h.send(.watcher(.sweep(.enter))).isEmpty)
        #expect(h.state.watcherScreens.sweep.phase == .confirmEarlyStart(LocalDate(iso: "2026-10-26")!))
        let effects = h.send(.watcher(.sweep(.confirm)))
        #expect(effects == [.watcher(.runSweep(since: LocalDate(iso: "2026-10-26")!, generation: 1))])
    }

    @Test func enterRunsEscCancelsByIDAndALateAnswerIsDropped() {
        var h = ready()
        let effects = h.send(.watcher(.sweep(.enter)))
        #expect(effects == [.watcher(.runSweep(since: LocalDate(iso: "2026-10-26")!, generation: 1))])
        #expect(effects.first?.id == .salesSweep(1))
        h.send(.watcher(.sweep(.progress(generation: 1, pages: 2, sales: 180))))
        #expect(h.state.watcherScreens.sweep.pages == 2)
        #expect(h.state.watcherScreens.sweep.sales == 180)
        #expect(h.send(.watcher(.sweep(.escape))) == [.cancel(.salesSweep(1))])
        #expect(h.state.watcherScreens.sweep.phase == .choosingDate)
        #expect(h.state.route == .admin(.watcher(.sweep)))
        h.send(.watcher(.sweep(.finished(generation: 1, WatcherFixtures.sweepResult()))))
        #expect(h.state.watcherScreens.sweep.result == nil)
        #expect(h.state.watcherScreens.sweep.phase == .choosingDate)
        // Positive control: the next run's answer lands.
        #expect(h.send(.watcher(.sweep(.enter))) == [.watcher(.runSweep(since: LocalDate(iso: "2026-10-26")!, generation: 3))])
        h.send(.watcher(.sweep(.finished(generation: 3, WatcherFixtures.sweepResult()))))
        #expect(h.state.watcherScreens.sweep.phase == .results)
        #expect(h.state.status?.text == WatcherScreensStrings.summary(WatcherFixtures.sweepResult()))
    }

    @Test func cCommitsTheSelectedCustomerAndEnterShowsTheirRows() {
        var h = ready()
        h.send(.watcher(.sweep(.enter)))
        let result = WatcherFixtures.sweepResult()
        h.send(.watcher(.sweep(.finished(generation: 1, result))))
        h.send(.watcher(.sweep(.enter)))
        #expect(h.state.watcherScreens.sweep.phase == .rows(customer: 0))
        #expect(h.state.watcherScreens.sweep.rowSelection.count == 5)
        h.send(.watcher(.sweep(.escape)))
        #expect(h.state.watcherScreens.sweep.phase == .results)
        #expect(h.send(.watcher(.sweep(.commitOne))) == [.watcher(.commitSweep([result.customers[0]], by: Operator(managerUser)))])
        #expect(h.state.watcherScreens.sweep.phase == .committing)
        h.send(.watcher(.sweep(.committed(added: [7: 3], failures: [:]))))
        #expect(h.state.watcherScreens.sweep.committed == [7: 3])
        #expect(h.state.watcherScreens.sweep.phase == .results)
        // Again: already added, nothing asked.
        #expect(h.send(.watcher(.sweep(.commitOne))).isEmpty)
        #expect(h.state.status?.text == WatcherScreensStrings.alreadyCommitted)
        // Max has nothing to add.
        h.send(.watcher(.sweep(.move(.down))))
        #expect(h.send(.watcher(.sweep(.commitOne))).isEmpty)
        #expect(h.state.status?.text == WatcherScreensStrings.nothingToCommit)
    }

    @Test func commitAllAsksWithTheTotalsAndNGoesBack() {
        var h = ready()
        h.send(.watcher(.sweep(.enter)))
        let result = WatcherFixtures.sweepResult()
        h.send(.watcher(.sweep(.finished(generation: 1, result))))
        #expect(h.send(.watcher(.sweep(.commitAll))).isEmpty)
        #expect(h.state.watcherScreens.sweep.phase == .confirmAll)
        h.send(.watcher(.sweep(.escape)))
        #expect(h.state.watcherScreens.sweep.phase == .results)
        h.send(.watcher(.sweep(.commitAll)))
        // Only customers with something to add go to the store.
        #expect(h.send(.watcher(.sweep(.confirm))) == [.watcher(.commitSweep([result.customers[0]], by: Operator(managerUser)))])
        h.send(.watcher(.sweep(.committed(added: [:], failures: [7: .store(.invalid("refused"))]))))
        #expect(h.state.watcherScreens.sweep.failures == [7: .store(.invalid("refused"))])
        #expect(h.state.status?.kind == .error)
    }

    @Test func aCashierCannotRunTheSweep() {
        var h = WatcherFixtures.harness(cashierUser, on: .sweep)
        #expect(h.state.route == .admin(.menu))
        h.state.route = .admin(.watcher(.sweep))
        h.state.watcherScreens.sweep.phase = .choosingDate
        h.state.watcherScreens.sweep.today = Self.today
        h.state.watcherScreens.sweep.dateField.setText("2026-11-01")
        #expect(h.send(.watcher(.sweep(.enter))).isEmpty)
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.reviewLightspeedSales)))
    }
}

@Suite struct WatcherSettingsScreenTests {
    static let data = WatcherSettingsData(settings: WatcherSettings(enabled: true, rateShare: 0.5, shops: []), setInStore: false,
                                          shops: [WatcherShop(id: "1", name: "Main Street"), WatcherShop(id: "2", name: "Mall")])

    @Test func anAdminSwitchesItOffSetsTheShareTicksAShopAndSaves() {
        var h = WatcherFixtures.harness(adminSessionUser, on: .settings)
        #expect(h.state.route == .admin(.watcher(.settings)))
        h.send(.watcher(.settings(.loaded(Self.data))))
        #expect(h.send(.watcher(.settings(.save))).isEmpty, "nothing changed")
        #expect(h.state.status?.text == WatcherScreensStrings.unchanged)
        h.send(.watcher(.settings(.toggle)))
        #expect(h.state.watcherScreens.settings.enabled == false)
        h.send(.watcher(.settings(.move(.down))))
        for _ in 0..<3 { h.send(.watcher(.settings(.adjust(-1)))) }
        #expect(h.state.watcherScreens.settings.sharePercent == 35)
        h.send(.watcher(.settings(.move(.down))))
        h.send(.watcher(.settings(.move(.down))))
        h.send(.watcher(.settings(.toggle)))
        #expect(h.state.watcherScreens.settings.shops == ["2"])
        let effects = h.send(.watcher(.settings(.save)))
        #expect(effects == [.watcher(.saveSettings(enabled: false, rateShare: 0.35, shops: ["2"], by: Operator(adminSessionUser)))])
    }

    @Test func theShareStaysBetweenFiveAndAHundredPercent() {
        var h = WatcherFixtures.harness(adminSessionUser, on: .settings)
        h.send(.watcher(.settings(.loaded(Self.data))))
        h.send(.watcher(.settings(.move(.down))))
        for _ in 0..<30 { h.send(.watcher(.settings(.adjust(1)))) }
        #expect(h.state.watcherScreens.settings.sharePercent == 100)
        for _ in 0..<30 { h.send(.watcher(.settings(.adjust(-1)))) }
        #expect(h.state.watcherScreens.settings.sharePercent == 5)
    }

    @Test func escWithUnsavedSettingsAsksAndYLeavesWithoutSaving() {
        var h = WatcherFixtures.harness(adminSessionUser, on: .settings)
        h.send(.watcher(.settings(.loaded(Self.data))))
        // Unchanged: Esc leaves at once.
        h.send(.watcher(.settings(.back)))
        #expect(h.state.route == .admin(.menu))
        h.send(.admin(.open(.watcher(.settings))))
        h.send(.watcher(.settings(.loaded(Self.data))))
        h.send(.watcher(.settings(.toggle)))
        #expect(h.send(.watcher(.settings(.back))).isEmpty)
        #expect(h.state.modal == .confirmDiscard(.watcher(.settings(.back))))
        #expect(h.state.route == .admin(.watcher(.settings)))
        #expect(h.send(.discardConfirmed).isEmpty)
        #expect(h.state.route == .admin(.menu))
    }

    @Test func aManagerIsRefusedTheSettings() {
        var h = WatcherFixtures.harness(managerUser, on: .settings)
        #expect(h.state.route == .admin(.menu))
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.editSettings)))
        h.state.route = .admin(.watcher(.settings))
        h.state.watcherScreens.settings.data = Self.data
        h.state.watcherScreens.settings.enabled = false
        #expect(h.send(.watcher(.settings(.save))).isEmpty)
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.editSettings)))
    }
}
