import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator

@Suite(.serialized)
struct OAuthTests {
    /// Opens the authorize URL the way a browser would, and returns where the simulator redirects.
    private func approve(_ url: URL) async throws -> String {
        let answer = try await URLSessionTransport().send(URLRequest(url: url))
        #expect(answer.status == 302)
        return try #require(answer.header("Location"))
    }

    @Test func authorizeURLCarriesClientScopeAndRandomState() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let first = harness.client.authorizationRequest()
        let second = harness.client.authorizationRequest()
        #expect(first.state != second.state)
        #expect(first.state.count >= 40)
        let text = first.url.absoluteString
        #expect(text.contains("/auth/oauth/authorize?response_type=code&client_id=sim-client"))
        #expect(text.contains("scope=employee%3Aregister_read%20employee%3Acustomers_read%20employee%3Ainventory_read"))
        #expect(text.contains("state=\(first.state)"))
    }

    @Test func pastedRedirectIsExchangedAndStored() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(request.url)
        #expect(location.hasPrefix("https://counter.example/lightspeed/callback?code="))
        let account = try await harness.client.connect(pasted: "  \(location)\n", expectedState: request.state)
        #expect(account.name == "Kit Kraft Sandbox")
        let tokens = try #require(await harness.store.loadTokens())
        #expect(tokens.accessToken.hasPrefix("sim-at-"))
        #expect(tokens.expiresAt == harness.clock.now().addingTimeInterval(3600))
        #expect(try await harness.client.sale(id: "277").lines.count == 2)
    }

    @Test func bareCodeIsAccepted() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(request.url)
        let code = try #require(QueryEncoding.parse(String(location.split(separator: "?")[1])).first { $0.0 == "code" }?.1)
        let account = try await harness.client.connect(pasted: code, expectedState: request.state)
        #expect(account.id == "12345")
    }

    @Test func wrongStateIsRefusedBeforeAnyExchange() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(harness.client.authorizationRequest().url)
        await #expect(throws: LightspeedError.stateMismatch) {
            try await harness.client.connect(pasted: location, expectedState: request.state)
        }
        await #expect(throws: LightspeedError.invalidRedirect) {
            try await harness.client.connect(pasted: "https://counter.example/cb?state=x", expectedState: "x")
        }
        #expect(await harness.store.loadTokens() == nil)
    }

    @Test func expiredOrReusedCodeIsRejected() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(request.url)
        harness.clock.advance(by: 61)
        do {
            try await harness.client.connect(pasted: location, expectedState: request.state)
            Issue.record("an expired code was accepted")
        } catch {
            guard case .codeRejected = error else { Issue.record("got \(error)"); return }
            #expect(error.description.contains("one minute"))
        }
        let again = harness.client.authorizationRequest()
        let fresh = try await approve(again.url)
        try await harness.client.connect(pasted: fresh, expectedState: again.state)
        do {
            try await harness.client.connect(pasted: fresh, expectedState: again.state)
            Issue.record("a used code was accepted")
        } catch {
            guard case .codeRejected = error else { Issue.record("got \(error)"); return }
        }
    }

    @Test func wrongClientSecretSaysCheckSettings() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        var configuration = harness.configuration
        configuration.clientSecret = "wrong"
        let client = LightspeedClient(configuration: configuration, tokenStore: InMemoryTokenStore(),
                                      environment: harness.clock.environment)
        let request = client.authorizationRequest()
        let location = try await approve(request.url)
        await #expect(throws: LightspeedError.badClientCredentials) {
            try await client.connect(pasted: location, expectedState: request.state)
        }
    }

    @Test func expiredAccessTokenIsRefreshedOnceAndTheRotatedPairStored() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let original = try #require(await harness.store.loadTokens())
        _ = try await harness.client.account()
        await harness.simulator.expireAccessTokens()
        #expect(try await harness.client.sale(id: "277").id == "277")
        let history = await harness.store.history
        let rotated = try #require(history.last)
        #expect(history.count == 1)
        #expect(rotated.refreshToken != original.refreshToken)
        #expect(rotated.accessToken != original.accessToken)
        let statuses = await harness.simulator.requestLog().filter { $0.path.hasPrefix("/API/") }.map(\.status)
        #expect(statuses.suffix(2) == [401, 200])
        // Rotation: the old refresh token no longer works.
        let stale = LightspeedClient(configuration: harness.configuration, tokenStore: InMemoryTokenStore(original),
                                     environment: harness.clock.environment)
        do {
            try await stale.refreshTokens()
            Issue.record("the old refresh token still worked")
        } catch {
            #expect(error.needsReconnect)
        }
    }

    @Test func tokenPastItsLifetimeIsRefreshedBeforeTheCall() async throws {
        let harness = try await Harness.start(tokenLifetime: 1800)
        defer { Task { await harness.stop() } }
        harness.clock.advance(by: 1800)
        _ = try await harness.client.account()
        #expect(await harness.store.history.count == 1)
        #expect(await harness.simulator.requestLog().allSatisfy { $0.status != 401 })
    }

    @Test func revokedAccessToken403IsRefreshedAndRetried() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.inject(.revokedAccessToken)
        #expect(try await harness.client.customer(id: "8").id == "8")
        #expect(await harness.store.history.count == 1)
    }

    @Test func refreshFailureSaysReconnectLightspeed() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        await harness.simulator.revokeRefreshTokens()
        await harness.simulator.expireAccessTokens()
        do {
            _ = try await harness.client.account()
            Issue.record("a revoked link still worked")
        } catch {
            guard case .reconnectNeeded = error else { Issue.record("got \(error)"); return }
            #expect(error.description.hasPrefix("Reconnect Lightspeed: the link was revoked"))
        }
    }

    @Test func legacyTokenResponsesAreUnderstood() async throws {
        let harness = try await Harness.start(connected: false, tokenLifetime: 1800, legacyTokens: true)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        try await harness.client.connect(pasted: try await approve(request.url), expectedState: request.state)
        let first = try #require(await harness.store.loadTokens())
        #expect(first.expiresAt == harness.clock.now().addingTimeInterval(1800))
        await harness.simulator.expireAccessTokens()
        _ = try await harness.client.account()
        let second = try #require(await harness.store.loadTokens())
        // No refresh_token in a legacy refresh answer: the old one is kept, and still works.
        #expect(second.refreshToken == first.refreshToken && second.accessToken != first.accessToken)
        try await harness.client.refreshTokens()
    }

    @Test func disconnectRevokesAtLightspeedAndForgetsTheTokens() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let tokens = try #require(await harness.store.loadTokens())
        try await harness.client.disconnect()
        #expect(await harness.store.loadTokens() == nil)
        #expect(await harness.simulator.requestLog().contains { $0.path == "/auth/oauth/revoke" && $0.status == 200 })
        // The revoked refresh token no longer works anywhere.
        let other = LightspeedClient(configuration: harness.configuration, tokenStore: InMemoryTokenStore(tokens),
                                     environment: harness.clock.environment)
        do {
            try await other.refreshTokens()
            Issue.record("a revoked refresh token still worked")
        } catch {
            #expect(error.needsReconnect)
        }
    }
}
