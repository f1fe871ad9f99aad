import Foundation
import LoyaltyCore
@testable import LoyaltyFeatures
@testable import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

private let watcherManager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)
private let watcherAdmin = User(id: 1, username: "admin", displayName: "Ada Admin", role: .admin)
private let at = Date(timeIntervalSince1970: 1_764_800_000)  // 2025-12-03 22:13 UTC, 17:13 in New York

private let queueData: UnlinkedData = {
    var dana = UnlinkedLightspeedCustomer(lightspeedCustomerID: "120", firstName: "Dana", lastName: "Newcomer",
                                          phone: "555-010-2222", email: "dana@example.com", saleIDs: ["9001", "9002"],
                                          firstSale: at.addingTimeInterval(-3 * 86_400), lastSale: at)
    dana.sales = [QueuedSale(saleID: "9001", completeTime: at.addingTimeInterval(-3 * 86_400), totalCents: 6998),
                  QueuedSale(saleID: "9002", completeTime: at, totalCents: 599)]
    var lee = UnlinkedLightspeedCustomer(lightspeedCustomerID: "130", firstName: "Lee", lastName: "Ng", phone: nil,
                                         email: nil, saleIDs: ["9010"], firstSale: at, lastSale: at)
    lee.sales = [QueuedSale(saleID: "9010", completeTime: at, totalCents: 1250)]
    return UnlinkedData(entries: [
        UnlinkedQueue.Entry(lightspeed: dana, matches: [
            UnlinkedQueue.Match(customerID: 12, name: "Dana Newcomer", phone: "555-010-2222", email: nil,
                                reasons: ["same phone", "same name"]),
            UnlinkedQueue.Match(customerID: 31, name: "Dana Newcombe", phone: nil, email: "dana@example.com",
                                reasons: ["same email", "similar name"]),
        ]),
        UnlinkedQueue.Entry(lightspeed: lee, matches: []),
    ], timeZoneID: "America/New_York")
}()

private func sweepResult() -> SalesSweep.Result {
    let upc = try! UPC.parse("007123000016")
    func line(_ id: String, qty: Int, day: Double) -> SaleLine {
        SaleLine(saleID: "S" + id, saleLineID: id, completedAt: at.addingTimeInterval(-day * 86_400), upc: upc,
                 description: "MeNow Munchies 12 lb", quantity: qty, parentSaleLineID: nil, ticketNumber: "T" + id,
                 register: "1", employee: "2")
    }
    let rows = [
        ImportRow(line: line("1", qty: 1, day: 20), purchaseDate: LocalDate(iso: "2025-11-13")!, status: .alreadyExists,
                  quantity: 1, programID: 1, matchedPunchIDs: [10]),
        ImportRow(line: line("2", qty: 2, day: 10), purchaseDate: LocalDate(iso: "2025-11-23")!, status: .willImport,
                  quantity: 2, programID: 1),
    ]
    let review = ImportReview(customerID: 7, start: LocalDate(iso: "2025-11-03")!, end: LocalDate(iso: "2025-12-03")!,
                              rows: rows, programs: [1: ImportProgramInfo(id: 1, name: "MeNow Munchies", punchesRequired: 9)],
                              timeZoneID: "America/New_York", fetched: FetchCounts(pages: 3, sales: 2, lines: 2))
    var none = review
    none.customerID = 8
    none.rows = [rows[0]]
    let range = try! ImportRange(start: LocalDate(iso: "2025-11-03")!, now: at, goLive: nil,
                                 calendar: StoreCalendar(timeZone: TimeZone(identifier: "America/New_York")!))
    return SalesSweep.Result(range: range, customers: [
        SalesSweep.CustomerResult(customerID: 7, name: "Sally Pet Owner", lightspeedCustomerID: "101", review: review),
        SalesSweep.CustomerResult(customerID: 8, name: "Max Barker", lightspeedCustomerID: "102", review: none),
    ], pages: 3, sales: 212, unlinkedSales: 4)
}

@Suite("Watcher screens")
struct WatcherScreensSnapshotTests {
    private func driver(_ user: User, _ page: WatcherPage) -> Driver {
        var d = Driver(size: Size(width: 80, height: 24))
        d.send(.signIn(.signedIn(user, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.watcher(page))))
        return d
    }

    @Test func theQueueShowsEachLightspeedCustomerItsMatchesAndItsSalesWithAmounts() {
        var d = driver(watcherManager, .unlinked)
        d.send(.watcher(.unlinked(.loaded(queueData))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("Dana Newcomer") && $0.contains("2 sales, last 2025-12-03") })
        #expect(screen.lines.contains { $0.contains("→ #12 Dana Newcomer") && $0.contains("same phone, same name") })
        #expect(screen.lines.contains { $0.contains("$69.98") && $0.contains("sale 9001") })
        expectSnapshot(screen, "watcher-unlinked-80x24")
        d.send(.watcher(.unlinked(.move(.down))))
        d.send(.watcher(.unlinked(.enter)))
        expectSnapshot(d.render(), "watcher-unlinked-confirm-80x24")
    }

    @Test func theSweepShowsItsDateThenCountsByStatusPerCustomer() {
        var d = driver(watcherManager, .sweep)
        d.send(.watcher(.sweep(.ready(today: LocalDate(iso: "2025-12-03")!, goLive: nil))))
        d.state.status = nil
        expectSnapshot(d.render(), "watcher-sweep-date-80x24")
        d.send(.watcher(.sweep(.enter)))
        d.send(.watcher(.sweep(.progress(generation: 1, pages: 2, sales: 180))))
        #expect(d.render().lines.contains { $0.contains("Reading Lightspeed: 2 pages, 180 sales… (Esc cancels)") })
        d.send(.watcher(.sweep(.finished(generation: 1, sweepResult()))))
        d.send(.watcher(.sweep(.commitOne)))
        d.send(.watcher(.sweep(.committed(added: [7: 2], failures: [:]))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("Sally Pet Owner") && $0.contains("added 2") })
        expectSnapshot(screen, "watcher-sweep-results-80x24")
        d.send(.watcher(.sweep(.enter)))
        expectSnapshot(d.render(), "watcher-sweep-rows-80x24")
    }

    @Test func theSettingsShowOnOffTheShareAndTheShops() {
        var d = driver(watcherAdmin, .settings)
        d.send(.watcher(.settings(.loaded(WatcherSettingsData(
            settings: WatcherSettings(enabled: true, rateShare: 0.5, shops: ["2"]), setInStore: true,
            shops: [WatcherShop(id: "1", name: "Main Street"), WatcherShop(id: "2", name: "Harbor Mall")])))))
        d.send(.watcher(.settings(.move(.down))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("◀ 50 % of Lightspeed's rate bucket ▶") })
        #expect(screen.lines.contains { $0.contains("[x] Harbor Mall (shop 2)") })
        expectSnapshot(screen, "watcher-settings-80x24")
    }
}
