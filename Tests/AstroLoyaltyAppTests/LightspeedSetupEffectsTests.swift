import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// Collects what the composition root posts back to the screen.
final class Posted: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [AppMsg] = []
    private var apis: [Bool] = []
    var messages: [AppMsg] { lock.withLock { stored } }
    /// Whether each connection change handed over an API (true) or none (false).
    var connectionChanges: [Bool] { lock.withLock { apis } }
    func add(_ msg: AppMsg) { lock.withLock { stored.append(msg) } }
    func changed(_ api: LightspeedAPI?) { lock.withLock { apis.append(api != nil) } }
}

/// Enable Lightspeed, search, link and unlink as the counter screen runs them: `CounterLightspeed` against the
/// simulator on a loopback port and a real temp store (no mocked function: real HTTP, real OAuth).
@Suite(.serialized) struct LightspeedSetupEffectsTests {
    func config(_ world: LightspeedWorld) async -> AppConfig {
        var config = AppConfig()
        let base = await world.simulator.baseURL.absoluteString
        config.lightspeed.apiBaseURL = base
        config.lightspeed.authBaseURL = base
        config.lightspeed.requestTimeoutSeconds = 3
        config.button.port = 0
        return config
    }

    /// What a browser does with the authorize address: the simulator approves at once and redirects.
    func approve(_ address: String) async throws -> String {
        let answer = try await URLSessionTransport().send(URLRequest(url: try #require(URL(string: address))))
        #expect(answer.status == 302)
        return try #require(answer.header("Location"))
    }

    @Test func anAdminConnectsFromTheScreenAndTheRunningCounterUsesItAtOnce() async throws {
        let world = try await LightspeedWorld.make(connected: false)
        defer { Task { await world.close() } }
        let posted = Posted()
        let counter = await CounterLightspeed.start(store: world.store, config: await config(world), trainingMode: false,
                                                    logger: .quietCLI, post: posted.add, onConnectionChange: posted.changed)
        #expect(counter.listener == nil)
        #expect(counter.connectedAPI == nil)

        guard case .lightspeed(.setup(.loaded(let info)))? = await counter.run(.loadSetup) else {
            Issue.record("no setup info")
            return
        }
        #expect(!info.isConnected)
        // No client ID in the config: Astro Loyalty's own public client, PKCE, no secret, no redirect_uri.
        #expect(info.clientID == LightspeedConfiguration.applicationClientID)
        #expect(!info.usesClientSecret)
        #expect(info.redirectURI == nil)
        #expect(info.problem == nil)
        let address = try #require(info.authorizeURL)
        let state = try #require(info.authorizeState)
        #expect(address.contains("state=\(state)"))
        #expect(address.contains("code_challenge_method=S256") && !address.contains("redirect_uri"))
        #expect(info.buttonURL == "http://127.0.0.1:0/lightspeed/button")

        // A cashier's message never connects, whatever reached the runner.
        let location = try await approve(address)
        let refused = await counter.run(.connect(pasted: location, expectedState: state, by: LightspeedWorld.cashier),
                                        post: posted.add)
        guard case .lightspeed(.setup(.failed(.store(.notAllowed(_, needs: .admin)))))? = refused else {
            Issue.record("\(String(describing: refused))")
            return
        }
        #expect(try world.store.lightspeedConnection() == nil)

        // A redirect carrying another attempt's state is refused.
        let wrong = await counter.run(.connect(pasted: try await approve(address), expectedState: "someone-else",
                                               by: LightspeedWorld.admin), post: posted.add)
        guard case .lightspeed(.setup(.failed))? = wrong else { Issue.record("\(String(describing: wrong))"); return }

        let answer = await counter.run(.connect(pasted: try await approve(address), expectedState: state,
                                                by: LightspeedWorld.admin), post: posted.add)
        guard case .lightspeed(.setup(.connected(let connected)))? = answer else {
            Issue.record("\(String(describing: answer))")
            return
        }
        #expect(connected.accountID == "12345")
        #expect(connected.accountName == "Happy Tails (test)")
        let stored = try #require(try world.store.lightspeedConnection())
        #expect(stored.accountID == "12345")
        #expect(!stored.refreshToken.isEmpty)
        #expect(try world.store.auditLog(AuditFilter(action: .lightspeedConnect)).count == 1)

        // No restart: the listener is up, Import History got the new API, searches work.
        #expect(counter.listener != nil)
        #expect(posted.connectionChanges == [true])
        #expect(posted.messages.contains(.lightspeed(.buttonAvailable)))
        let search = await counter.run(.searchCustomers(text: "dana", generation: 3))
        guard case .lightspeed(.link(.searched(3, let matches)))? = search else {
            Issue.record("\(String(describing: search))")
            return
        }
        #expect(matches.map(\.customer.lightspeedID) == ["120"])
        #expect(matches.first?.linkedCustomerID == nil)
        #expect(matches.first?.customer.email == "dana@example.com")

        let off = await counter.run(.disconnect(by: LightspeedWorld.admin), post: posted.add)
        guard case .lightspeed(.setup(.disconnected(let after)))? = off else { Issue.record("\(String(describing: off))"); return }
        #expect(!after.isConnected)
        #expect(try world.store.lightspeedConnection() == nil)
        #expect(counter.listener == nil)
        #expect(counter.connectedAPI == nil)
        #expect(posted.connectionChanges == [true, false])
        await counter.stop()
    }

    @Test func searchLinkAndUnlinkFromTheCheckout() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let counter = await CounterLightspeed.start(store: world.store, config: await config(world), trainingMode: false,
                                                    logger: .quietCLI) { _ in }
        let search = await counter.run(.searchCustomers(text: "555 867 5309", generation: 1))
        guard case .lightspeed(.link(.searched(1, let matches)))? = search else {
            Issue.record("\(String(describing: search))")
            return
        }
        #expect(matches.map(\.customer.lightspeedID) == ["101"])
        #expect(matches.first?.linkedCustomerID == world.sally.id)
        #expect(matches.first?.linkedCustomerName == "Sally Pet Owner")

        // One loyalty customer per Lightspeed customer: the store refuses and names who has it.
        let other = try world.store.addCustomer(CustomerDraft(firstName: "Sal", lastName: "Owner"), by: LightspeedWorld.cashier)
        let taken = await counter.run(.link(customerID: other.id, lightspeedID: "101", by: LightspeedWorld.cashier))
        #expect(taken == .lightspeed(.link(.failed(.store(.lightspeedCustomerTaken(lightspeedID: "101",
                                                                                   customerName: "Sally Pet Owner"))))))

        let unlinked = await counter.run(.unlink(customerID: world.sally.id, by: LightspeedWorld.cashier))
        #expect(unlinked == .lightspeed(.link(.unlinked(customerID: world.sally.id))))
        #expect(try world.store.customer(id: world.sally.id)?.lightspeedCustomerID == nil)
        #expect(try world.store.auditLog(AuditFilter(customerID: world.sally.id, action: .lightspeedUnlink)).count == 1)

        let linked = await counter.run(.link(customerID: other.id, lightspeedID: "101", by: LightspeedWorld.cashier))
        #expect(linked == .lightspeed(.link(.linked(customerID: other.id, lightspeedID: "101"))))
        #expect(try world.store.customer(lightspeedID: "101")?.id == other.id)
        #expect(try world.store.auditLog(AuditFilter(customerID: other.id, action: .lightspeedLink)).count == 1)
        await counter.stop()
    }

    @Test func searchingWhileNotConnectedSaysSo() async throws {
        let world = try await LightspeedWorld.make(connected: false)
        defer { Task { await world.close() } }
        let counter = await CounterLightspeed.start(store: world.store, config: await config(world), trainingMode: false,
                                                    logger: .quietCLI) { _ in }
        let answer = await counter.run(.searchCustomers(text: "dana", generation: 2))
        #expect(answer == .lightspeed(.link(.searchFailed(generation: 2, .lightspeed(.notConnected)))))
        await counter.stop()
    }

    /// The documented exception: a store's own registration, its secret from the environment. The screen
    /// names the mode (never the secret) and connecting works through the same path.
    @Test func aStoresOwnRegistrationConnectsWithItsSecret() async throws {
        let world = try await LightspeedWorld.make(connected: false)
        defer { Task { await world.close() } }
        var config = await config(world)
        config.lightspeed.clientID = world.simulator.storeClientID
        config.lightspeed.clientSecret = world.simulator.clientSecret
        config.lightspeed.redirectURI = world.simulator.redirectURI
        let counter = await CounterLightspeed.start(store: world.store, config: config, trainingMode: false,
                                                    logger: .quietCLI) { _ in }
        guard case .lightspeed(.setup(.loaded(let info)))? = await counter.run(.loadSetup) else {
            Issue.record("no setup info")
            return
        }
        #expect(info.usesClientSecret && info.clientID == world.simulator.storeClientID)
        #expect(!String(describing: info).contains(world.simulator.clientSecret))
        let address = try #require(info.authorizeURL)
        #expect(address.contains("redirect_uri=") && address.contains("code_challenge="))
        let answer = await counter.run(.connect(pasted: try await approve(address), expectedState: try #require(info.authorizeState),
                                                by: LightspeedWorld.admin))
        guard case .lightspeed(.setup(.connected(let connected)))? = answer else {
            Issue.record("\(String(describing: answer))")
            return
        }
        #expect(connected.accountID == "12345")
        await counter.stop()
    }
}
