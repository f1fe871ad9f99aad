import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

private let adminUser = User(id: 1, username: "admin", displayName: "Ada Admin", role: .admin)

/// Enable Lightspeed (admin): opening it from the menu, pasting, connecting, disconnecting, and refusing
/// every other role — message in, exact state and effects out.
@Suite struct LightspeedSetupTests {
    static let notConnected = LightspeedSetupInfo(
        clientID: "astro-loyalty-counter",
        authorizeURL: "http://127.0.0.1:8790/auth/oauth/authorize?response_type=code&client_id=sim-client&state=S1",
        authorizeState: "S1", buttonURL: "http://127.0.0.1:8787/lightspeed/button")

    static var connected: LightspeedSetupInfo {
        var info = notConnected
        info.accountID = "12345"
        info.accountName = "Happy Tails"
        return info
    }

    func onScreen(_ user: User = adminUser) -> Harness {
        var h = Harness()
        h.signIn(user)
        h.send(.admin(.openMenu))
        return h
    }

    @Test func theAdminMenuOpensItForAnAdminOnly() {
        #expect(AdminFeature.menu(for: .admin).contains { $0.screen == .lightspeed })
        #expect(!AdminFeature.menu(for: .manager).contains { $0.screen == .lightspeed })
        #expect(!AdminFeature.menu(for: .cashier).contains { $0.screen == .lightspeed })

        var h = onScreen()
        let effects = h.send(.admin(.open(.lightspeed)))
        #expect(h.state.route == .admin(.lightspeed))
        #expect(effects == [.lightspeed(.loadSetup)])
        h.send(.lightspeed(.setup(.loaded(Self.notConnected))))
        #expect(h.state.lightspeed.setup.info == Self.notConnected)
        #expect(h.state.lightspeed.setup.busy == false)
    }

    @Test func f4SavesTheAddressUnbrokenToAnOwnerOnlyFileAndShowsWhere() throws {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.lightspeed(.setup(.loaded(Self.notConnected))))
        let effects = h.send(.lightspeed(.setup(.saveAddress)))
        #expect(effects == [.saveAuthorizeAddress(Self.notConnected.authorizeURL!)])
        // The runner writes it beside the store, one line, 0600.
        let t = try TestStore()
        defer { t.remove() }
        guard case .lightspeed(.setup(.addressSaved(let path)))? = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false)).run(effects[0]) else {
            Issue.record("not saved")
            return
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.notConnected.authorizeURL! + "\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        h.send(.lightspeed(.setup(.addressSaved(path: path))))
        #expect(h.state.lightspeed.setup.addressFile == path)
        #expect(h.state.status?.text.contains(path) == true)
    }

    @Test func aManagerOrCashierIsRefusedWithAClearMessage() {
        for user in [managerUser, cashierUser] {
            var h = onScreen(user)
            #expect(h.send(.admin(.open(.lightspeed))).isEmpty)
            #expect(h.state.route != .admin(.lightspeed))
            #expect(h.state.status?.kind == .error)

            // Even a message sent straight to the screen (the route forced) is refused by the view-model.
            h.state.route = .admin(.lightspeed)
            h.state.lightspeed.setup.info = Self.notConnected
            h.state.lightspeed.setup.pasted.setText("abc")
            #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)
            #expect(h.state.status?.text == "Only an admin can enable or disable Lightspeed (you are signed in as a \(user.role.rawValue)).")
            #expect(h.send(.lightspeed(.setup(.requestDisconnect))).isEmpty)
            #expect(h.state.lightspeed.setup.confirmingDisconnect == false)
        }
    }

    @Test func pastingTheRedirectAndEnterConnectsWithTheAuthorizeState() {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.lightspeed(.setup(.loaded(Self.notConnected))))
        #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)
        #expect(h.state.lightspeed.setup.error?.contains("Paste") == true)

        let redirect = "https://localhost/lightspeed/callback?code=C0DE&state=S1"
        h.send(.lightspeed(.setup(.edit(.paste(redirect)))))
        #expect(h.state.lightspeed.setup.pasted.text == redirect)
        #expect(h.state.lightspeed.setup.error == nil)
        let effects = h.send(.lightspeed(.setup(.submit)))
        #expect(effects == [.lightspeed(.connect(pasted: redirect, expectedState: "S1", by: Operator(adminUser)))])
        #expect(h.state.lightspeed.setup.busy)
        // The log line never carries what was pasted.
        #expect(!effects[0].description.contains("C0DE"))
        // Keys wait while it runs.
        #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)

        // The listener's answer comes first (it started, or the port is taken), then the connection's.
        h.state.lightspeed.buttonOff = "Lightspeed button off: the port is taken"
        h.send(.lightspeed(.buttonAvailable))
        #expect(h.state.lightspeed.buttonOff == nil)
        h.state.lightspeed.buttonOff = "Lightspeed button off: the port is taken"
        h.send(.lightspeed(.setup(.connected(Self.connected))))
        #expect(h.state.lightspeed.buttonOff != nil)
        h.send(.lightspeed(.buttonAvailable))
        #expect(h.state.lightspeed.setup.busy == false)
        #expect(h.state.lightspeed.setup.pasted.text.isEmpty)
        #expect(h.state.lightspeed.setup.info?.accountName == "Happy Tails")
        #expect(h.state.status == .success("Connected to Lightspeed account Happy Tails (12345). Now add the button (below)."))
        #expect(h.state.lightspeed.buttonOff == nil)
    }

    @Test func aRefusedCodeStaysOnScreenWithTheReason() {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.lightspeed(.setup(.loaded(Self.notConnected))))
        h.type("stale") { .lightspeed(.setup(.edit($0))) }
        h.send(.lightspeed(.setup(.submit)))
        h.send(.lightspeed(.setup(.failed(.lightspeed(.codeRejected(detail: "it expired"))))))
        #expect(h.state.lightspeed.setup.busy == false)
        #expect(h.state.lightspeed.setup.error == LightspeedError.codeRejected(detail: "it expired").description)
        #expect(h.state.lightspeed.setup.pasted.text == "stale")
        #expect(h.send(.lightspeed(.setup(.reload))) == [.lightspeed(.loadSetup)])
    }

    @Test func disconnectAsksFirst() {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.lightspeed(.setup(.loaded(Self.notConnected))))
        #expect(h.send(.lightspeed(.setup(.requestDisconnect))).isEmpty)
        #expect(h.state.lightspeed.setup.confirmingDisconnect == false)
        #expect(h.state.lightspeed.setup.error == "Lightspeed is not connected: nothing to disconnect.")

        h.send(.lightspeed(.setup(.loaded(Self.connected))))
        h.send(.lightspeed(.setup(.requestDisconnect)))
        #expect(h.state.lightspeed.setup.confirmingDisconnect)
        h.send(.lightspeed(.setup(.cancelDisconnect)))
        #expect(h.state.lightspeed.setup.confirmingDisconnect == false)

        h.send(.lightspeed(.setup(.requestDisconnect)))
        #expect(h.send(.lightspeed(.setup(.confirmDisconnect))) == [.lightspeed(.disconnect(by: Operator(adminUser)))])
        h.state.lightspeed.buttonOff = "Lightspeed button off: the port is taken"
        h.send(.lightspeed(.setup(.disconnected(Self.notConnected))))
        #expect(h.state.lightspeed.setup.info?.isConnected == false)
        #expect(h.state.lightspeed.buttonOff == nil)
        #expect(h.state.status?.kind == .success)
        // Esc goes back to the menu.
        h.send(.admin(.back))
        #expect(h.state.route == .admin(.menu))
    }

    @Test func trainingModeAndMissingCredentialsHaveNothingToConnect() {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.lightspeed(.setup(.loaded(LightspeedSetupInfo(accountID: "12345", trainingMode: true,
                                                               buttonURL: "http://127.0.0.1:8787/lightspeed/button")))))
        h.type("x") { .lightspeed(.setup(.edit($0))) }
        #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)
        #expect(h.state.lightspeed.setup.error?.contains("Training mode") == true)
        #expect(h.send(.lightspeed(.setup(.requestDisconnect))).isEmpty)

        var missing = Self.notConnected
        missing.authorizeURL = nil
        let unusable = LightspeedServiceError.badConfiguration("lightspeed.apiBaseURL or authBaseURL is not a URL.")
        missing.problem = .lightspeedService(unusable)
        h.send(.lightspeed(.setup(.loaded(missing))))
        #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)
        #expect(h.state.lightspeed.setup.error == unusable.description)
    }

    @Test func answersForAScreenNoLongerShownAreDropped() {
        var h = onScreen()
        h.send(.admin(.open(.lightspeed)))
        h.send(.admin(.back))
        h.send(.lightspeed(.setup(.loaded(Self.connected))))
        #expect(h.state.lightspeed.setup.info == nil)
        #expect(h.send(.lightspeed(.setup(.submit))).isEmpty)
    }
}
