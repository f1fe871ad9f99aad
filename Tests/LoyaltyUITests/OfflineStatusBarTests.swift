import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing

/// The status bar and the checkout while the store's server is unreachable (issue 18 #4): how many scans wait,
/// the outage standing out, and a kept scan drawn as a pending line rather than a punch.
@Suite struct OfflineStatusBarTests {
    static let upc = try! UPC.parse(CheckoutScene.upc(program: 3, item: 0))

    static func kept(_ id: Int64, customer: Int64, refusal: String? = nil) -> QueuedScan {
        QueuedScan(id: id, scanID: UUID(), customerID: customer, upc: upc, quantity: 2,
                   scannedAt: CheckoutScene.now.addingTimeInterval(Double(id) * 60), localDate: nil, username: "cashier",
                   role: .cashier, counter: nil, refusal: refusal)
    }

    static func action(_ customer: Int64) -> CheckoutAction {
        .recordPurchase(customerID: customer, upc: upc, quantity: 2, preferredCardID: nil)
    }

    @Test func theTopRowCountsTheWaitingScansAndTheOutageStandsOut() throws {
        var driver = Driver(size: Size(width: 100, height: 30))
        driver.signIn()
        #expect(!driver.render().text(ofRow: 0).contains("waiting"))
        for id in Int64(1)...3 { driver.send(.checkout(.scanKept(Self.action(9), Self.kept(id, customer: 9)))) }
        var top = driver.render()
        #expect(top.text(ofRow: 0).contains("Server unreachable · 3 scans waiting"))
        let at = try #require(WatcherStatusBarTests.column(of: "Server unreachable", in: top.text(ofRow: 0)))
        #expect(top.row(0)[top.row(0).startIndex + at].style == .error)
        // The server answers again but the scans are not recorded yet: only the count, not as an alarm.
        driver.send(.storeInfoLoaded(name: "Astro Pets", trainingMode: false))
        top = driver.render()
        #expect(!top.text(ofRow: 0).contains("Server unreachable"))
        let calm = try #require(WatcherStatusBarTests.column(of: "3 scans waiting", in: top.text(ofRow: 0)))
        #expect(top.row(0)[top.row(0).startIndex + calm].style != .error)
        driver.send(.offline(.replayed(ReplayReport(recorded: (1...3).map { Self.kept($0, customer: 9) }, queue: []))))
        #expect(!driver.render().text(ofRow: 0).contains("waiting"))
    }

    @Test func aKeptScanIsAPendingLineOnTheCheckoutNotAPunch() throws {
        let scene = try CheckoutScene(size: Size(width: 100, height: 30))
        let c = try scene.customer("Sally", "Pet Owner")
        scene.open(c)
        let before = scene.render()
        let rows = (0..<before.size.height).map { before.text(ofRow: $0) }
        #expect(rows.contains { $0.contains(CheckoutUIStrings.noneToday) })
        scene.send(.checkout(.scanKept(Self.action(c.id), Self.kept(1, customer: c.id))))
        let after = scene.render()
        let text = (0..<after.size.height).map { after.text(ofRow: $0) }
        let line = try #require(text.firstIndex { $0.contains(OfflineStrings.keptLine) })
        #expect(text[line].contains("2 × MeNow Munchies small"))
        #expect(text[line].contains("11:01"))
        // Nothing on the cards: no punch was faked.
        #expect(try scene.store.punches(customer: c.id).isEmpty)
        #expect(text.contains { $0.contains("Today's Purchases (0)") })
        #expect(text.contains { $0.contains("Server unreachable · 1 scan waiting") })
    }
}
