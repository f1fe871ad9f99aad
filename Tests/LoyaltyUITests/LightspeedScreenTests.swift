import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

private let admin = User(id: 1, username: "admin", displayName: "Ada Admin", role: .admin)
private let setupInfo = LightspeedSetupInfo(
    clientID: "astro-loyalty-counter", usesClientSecret: false,
    authorizeURL: "http://127.0.0.1:8790/auth/oauth/authorize?response_type=code&client_id=astro-loyalty-counter"
        + "&scope=employee%3Aregister_read%20employee%3Acustomers_read%20employee%3Ainventory_read"
        + "&state=Xq3dYb0KpA7vT2mN9sLw4eRf8hJc1uZo6iGy5nBt0aQ"
        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
    authorizeState: "Xq3dYb0KpA7vT2mN9sLw4eRf8hJc1uZo6iGy5nBt0aQ",
    buttonURL: "http://127.0.0.1:8787/lightspeed/button")

/// Enable Lightspeed and the checkout's Lightspeed pick list, drawn at 80×24 through `AppFeature` messages.
@Suite("Lightspeed screen snapshots")
struct LightspeedScreenTests {
    func setup(_ size: Size = Size(width: 80, height: 24)) -> Driver {
        var d = Driver(size: size)
        d.send(.signIn(.signedIn(admin, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.lightspeed)))
        d.send(.lightspeed(.setup(.loaded(setupInfo))))
        d.state.status = nil
        return d
    }

    @Test func notConnectedShowsTheAddressTheFieldAndTheButton() {
        var d = setup()
        d.type("https://localhost/lightspeed/callback?code=abc") { .lightspeed(.setup(.edit($0))) }
        let screen = d.render()
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("not connected"))
        #expect(text.contains("Sale tab:   http://127.0.0.1:8787/lightspeed/button"))
        #expect(text.contains("Refund tab: http://127.0.0.1:8787/lightspeed/button"))
        // The whole authorize address is on screen, broken over lines.
        let joined = screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.contains("state=Xq3dYb0KpA7vT2mN9sLw4eRf8hJc1uZo6iGy5nBt0aQ"))
        #expect(!text.contains("sim-secret"))
        // The public client's flow, in words: no secret, the https:// page the browser lands on.
        #expect(text.contains("Astro Loyalty's app: PKCE, no secret"))
        #expect(text.contains("Lightspeed then opens an https:// page (it may not load)"))
        #expect(screen.cursor != nil)
        #expect(screen.lines.last?.contains("Connect") == true)
        expectSnapshot(screen, "lightspeed-setup-not-connected-80x24")
    }

    @Test func connectedShowsTheAccountAndDisconnectAsks() {
        var d = setup()
        var info = setupInfo
        info.accountID = "12345"
        info.accountName = "Happy Tails"
        d.send(.lightspeed(.setup(.connected(info))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("connected to Happy Tails (account 12345)") })
        expectSnapshot(screen, "lightspeed-setup-connected-80x24")
        d.send(.lightspeed(.setup(.requestDisconnect)))
        let asking = d.render()
        #expect(asking.lines.contains { $0.contains("Disconnect Lightspeed") })
        #expect(Keymaps.current(for: d.state).message(for: .char("y")) == .lightspeed(.setup(.confirmDisconnect)))
        expectSnapshot(asking, "lightspeed-setup-disconnect-80x24")
    }

    /// Enable Lightspeed warns when no Lightspeed shop keeps the store's clock (purchases are dated in their
    /// shop's zone): the check's own sentence, wrapped under the account, in the warning style.
    @Test func aShopInAnotherTimeZoneIsWarnedAbout() throws {
        var d = setup()
        var info = setupInfo
        info.accountID = "12345"
        info.accountName = "Happy Tails"
        // 2026-12-04 12:00 UTC: New York and Denver are two hours apart.
        info.timeZoneWarning = ShopTimeZoneCheck.warning(
            storeTimeZoneID: "America/New_York",
            shops: [LightspeedShop(id: "1", name: "Happy Tails Denver", timeZoneID: "America/Denver")],
            now: Date(timeIntervalSince1970: 1_796_385_600))
        let warning = try #require(info.timeZoneWarning)
        d.send(.lightspeed(.setup(.connected(info))))
        d.state.status = nil
        let screen = d.render()
        let text = screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Time zones disagree: this store is set to America/New_York, but Lightspeed's shop is"))
        #expect(text.contains("Happy Tails Denver (America/Denver)"))
        let row = try #require(screen.lines.firstIndex { $0.contains("Time zones disagree") })
        let x = try #require(screen.lines[row].range(of: "Time").map { screen.lines[row].distance(from: screen.lines[row].startIndex, to: $0.lowerBound) })
        #expect(screen[x, row].style == .warning)
        #expect(warning.hasSuffix("set store.timeZone in the config to the shop's zone."))
        expectSnapshot(screen, "lightspeed-setup-time-zone-warning-80x24")
    }

    @Test func aWideTerminalKeepsTheAddressOnFewerRows() {
        var d = setup(Size(width: 132, height: 43))
        d.type("4f1c") { .lightspeed(.setup(.edit($0))) }
        let screen = d.render()
        #expect(screen.lines.filter { $0.contains("authorize") || $0.contains("redirect_uri") }.count <= 2)
        expectSnapshot(screen, "lightspeed-setup-not-connected-132x43")
    }

    @Test func theSetupKeysAreInTheKeymap() {
        let d = setup()
        let keys = Keymaps.current(for: d.state)
        #expect(keys.message(for: .enter) == .lightspeed(.setup(.submit)))
        #expect(keys.message(for: .function(8)) == .lightspeed(.setup(.requestDisconnect)))
        #expect(keys.message(for: .escape) == .admin(.back))
        #expect(keys.message(for: .char("c")) == .lightspeed(.setup(.edit(.char("c")))))
        #expect(keys.message(for: .paste("x")) == .lightspeed(.setup(.edit(.paste("x")))))
    }

    @Test func theLinkPickListOverTheCheckout() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        let sally = Customer(id: 1, firstName: "Sally", lastName: "Pet Owner", phone: "5558675309",
                             email: "sally@example.com", lightspeedCustomerID: "101")
        d.send(.lookup(.searchResultsLoaded(generation: d.state.lookup.generation, query: "",
                                            results: [customerRow(1, "Sally", "Pet Owner", phone: "5558675309")])))
        d.send(.lookup(.openSelected))
        let detail = CustomerDetail(customer: sally, requestedID: 1, pets: [], programs: [], pointsBalance: 0,
                                    today: LocalDate(year: 2025, month: 6, day: 15)!, todaysPurchases: [])
        d.send(.checkout(.loaded(CheckoutData(detail: detail, programs: []))))
        #expect(Keymaps.current(for: d.state).message(for: .char("w")) == .lightspeed(.link(.requestUnlink)))
        #expect(Keymaps.current(for: d.state).message(for: .char("l")) == .lightspeed(.linkPendingCustomer))

        d.send(.lightspeed(.linkPendingCustomer))
        guard case .search(let search) = d.state.lightspeed.link else {
            Issue.record("no search dialog")
            return
        }
        let matches = [
            LightspeedCustomerMatch(customer: LightspeedCustomerInfo(lightspeedID: "101", firstName: "Sally",
                                                                     lastName: "Pet Owner", phone: "(555) 867-5309",
                                                                     email: "sally@example.com"),
                                    linkedCustomerID: 1, linkedCustomerName: "Sally Pet Owner"),
            LightspeedCustomerMatch(customer: LightspeedCustomerInfo(lightspeedID: "133", firstName: "Sally",
                                                                     lastName: "Petowner", phone: "555 867 5309",
                                                                     email: "spo@example.com")),
        ]
        d.send(.lightspeed(.link(.searched(generation: search.generation, matches))))
        d.send(.lightspeed(.link(.move(.down))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("Link to a Lightspeed customer: Sally Pet Owner") })
        #expect(screen.lines.contains { $0.contains("133") && $0.contains("Sally Petowner") })
        #expect(Keymaps.current(for: d.state).message(for: .enter) == .lightspeed(.link(.enter)))
        #expect(Keymaps.current(for: d.state).message(for: .char("7")) == .lightspeed(.link(.edit(.char("7")))))
        expectSnapshot(screen, "lightspeed-link-pick-80x24")

        d.send(.lightspeed(.link(.cancel)))
        d.send(.lightspeed(.link(.requestUnlink)))
        let unlink = d.render()
        #expect(unlink.lines.contains { $0.contains("Incorrect customer") })
        expectSnapshot(unlink, "lightspeed-unlink-confirm-80x24")
    }

    @Test func aWaitingPressAsksBeforeLinkingTheCustomerOpened() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        let dana = LightspeedCustomerInfo(lightspeedID: "120", firstName: "Dana", lastName: "Newcomer",
                                          phone: "555-010-2222", email: "dana@example.com")
        d.send(.lightspeed(.saleHandled(LightspeedSaleOutcome(kind: .sale, saleID: "5037", status: .noLinkedCustomer,
                                                              lightspeedCustomer: dana))))
        #expect(d.render().lines.contains { $0.contains("Lightspeed 5037: Dana Newcomer not linked. Enter on them links, F2 adds them.") })
        let row = CustomerSummary(id: 9, firstName: "Dana", lastName: "Newcomer", phone: "5550102222", email: nil,
                                  lightspeedCustomerID: "133", openCards: 0, rewardsReady: 0, pointsBalance: 0)
        d.send(.lookup(.searchResultsLoaded(generation: d.state.lookup.generation, query: d.state.lookup.searchText,
                                            results: [row])))
        d.send(.lookup(.openSelected))
        let customer = Customer(id: 9, firstName: "Dana", lastName: "Newcomer", phone: "5550102222",
                                lightspeedCustomerID: "133")
        let detail = CustomerDetail(customer: customer, requestedID: 9, pets: [], programs: [], pointsBalance: 0,
                                    today: LocalDate(year: 2025, month: 6, day: 15)!, todaysPurchases: [])
        d.send(.checkout(.loaded(CheckoutData(detail: detail, programs: []))))
        d.state.status = nil
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("Lightspeed sale 5037 is for Dana Newcomer") })
        #expect(screen.lines.contains { $0.contains("is linked to Lightspeed #133 now") })
        #expect(Keymaps.current(for: d.state).message(for: .char("y")) == .lightspeed(.link(.confirm)))
        #expect(Keymaps.current(for: d.state).message(for: .escape) == .lightspeed(.link(.cancel)))
        expectSnapshot(screen, "lightspeed-pending-link-80x24")
    }
}
