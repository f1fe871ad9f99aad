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
        #expect(text.contains("/auth/oauth/authorize?response_type=code&client_id=\(LightspeedConfiguration.applicationClientID)"))
        #expect(text.contains("scope=employee%3Aregister_read%20employee%3Acustomers_read%20employee%3Ainventory_read"))
        #expect(text.contains("state=\(first.state)"))
    }

    /// Section 0.1: a public client sends PKCE's S256 challenge (fresh per attempt) and, unless one is
    /// configured, no redirect_uri (Lightspeed uses the registered HTTPS address).
    @Test func authorizeURLCarriesAFreshS256ChallengeAndNoRedirect() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        func items(_ request: AuthorizationRequest) -> [String: String] {
            Dictionary(QueryEncoding.parse(request.url.query ?? ""), uniquingKeysWith: { a, _ in a })
        }
        let first = items(harness.client.authorizationRequest())
        let second = items(harness.client.authorizationRequest())
        #expect(first["code_challenge_method"] == "S256")
        let challenge = try #require(first["code_challenge"])
        #expect(challenge.count == 43 && !challenge.contains("=") && !challenge.contains("+") && !challenge.contains("/"))
        #expect(second["code_challenge"] != challenge)
        #expect(first["redirect_uri"] == nil && first["client_secret"] == nil)
        // The challenge is S256 of a verifier: RFC 7636's own example.
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        var configured = harness.configuration
        configured.redirectURI = "https://localhost/lightspeed/callback"
        let request = LightspeedAuthorization.request(configuration: configured, verifier: PKCE.makeVerifier())
        #expect(items(request)["redirect_uri"] == "https://localhost/lightspeed/callback")
    }

    /// The whole public-client flow against the strict simulator: no secret anywhere, the verifier in the
    /// token request, and a configured redirect (the registered one) sent on both legs.
    @Test func connectingAsAPublicClientSendsNoSecretAndTheVerifier() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        #expect(harness.configuration.clientSecret == nil)
        let request = harness.client.authorizationRequest()
        try await harness.client.connect(pasted: try await approve(request.url), expectedState: request.state)
        let verifiers = await harness.simulator.codeVerifiersReceived()
        #expect(verifiers.count == 1)
        let challenge = QueryEncoding.parse(request.url.query ?? "").first { $0.0 == "code_challenge" }?.1
        #expect(verifiers.first.map(PKCE.challenge(for:)) == challenge)

        var configured = harness.configuration
        configured.redirectURI = harness.simulator.redirectURI
        let client = LightspeedClient(configuration: configured, tokenStore: InMemoryTokenStore(),
                                      environment: harness.clock.environment)
        let again = client.authorizationRequest()
        #expect(again.url.query?.contains("redirect_uri=") == true)
        #expect(try await client.connect(pasted: try await approve(again.url), expectedState: again.state).id == "12345")
    }

    @Test func aPasteForAnAttemptThisClientNeverMadeSaysStartAgain() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(request.url)
        // Another client (the program restarted): the verifier of that attempt is gone.
        let restarted = LightspeedClient(configuration: harness.configuration, tokenStore: InMemoryTokenStore(),
                                         environment: harness.clock.environment)
        await #expect(throws: LightspeedError.attemptUnknown) {
            try await restarted.connect(pasted: location, expectedState: request.state)
        }
        #expect(await harness.simulator.requestLog().allSatisfy { $0.path != "/auth/oauth/token" })
        #expect(try await harness.client.connect(pasted: location, expectedState: request.state).id == "12345")
    }

    @Test func pastedRedirectIsExchangedAndStored() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let request = harness.client.authorizationRequest()
        let location = try await approve(request.url)
        #expect(location.hasPrefix("https://localhost/lightspeed/callback?code="))
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
        // The attempt is finished: its verifier is spent, so the same paste is refused before Lightspeed.
        await #expect(throws: LightspeedError.attemptUnknown) {
            try await harness.client.connect(pasted: fresh, expectedState: again.state)
        }
        // A used code is refused by Lightspeed too (StrictSimulatorTests sends it again with its verifier).
    }

    @Test func wrongClientSecretSaysCheckSettings() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        // A secret with the public client is refused (a public client has none).
        var configuration = harness.configuration
        configuration.clientSecret = "wrong"
        let client = LightspeedClient(configuration: configuration, tokenStore: InMemoryTokenStore(),
                                      environment: harness.clock.environment)
        let request = client.authorizationRequest()
        let location = try await approve(request.url)
        await #expect(throws: LightspeedError.badClientCredentials) {
            try await client.connect(pasted: location, expectedState: request.state)
        }
        // A store's own registration with a wrong secret too; with its right secret it connects.
        configuration.clientID = harness.simulator.storeClientID
        let store = LightspeedClient(configuration: configuration, tokenStore: InMemoryTokenStore(),
                                     environment: harness.clock.environment)
        let storeRequest = store.authorizationRequest()
        let storeLocation = try await approve(storeRequest.url)
        await #expect(throws: LightspeedError.badClientCredentials) {
            try await store.connect(pasted: storeLocation, expectedState: storeRequest.state)
        }
        configuration.clientSecret = harness.simulator.clientSecret
        let right = LightspeedClient(configuration: configuration, tokenStore: InMemoryTokenStore(),
                                     environment: harness.clock.environment)
        let rightRequest = right.authorizationRequest()
        #expect(try await right.connect(pasted: try await approve(rightRequest.url), expectedState: rightRequest.state).id == "12345")
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
        await harness.simulator.inject(.revokedAccessToken403)
        #expect(try await harness.client.customer(id: "8").id == "8")
        #expect(await harness.store.history.count == 1)
    }

    /// Lightspeed's documented answer: 401 "Access token has been revoked"; the client refreshes once and
    /// retries with the new pair.
    @Test func revokedAccessToken401IsRefreshedAndRetried() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.revokeAccessTokens()
        #expect(try await harness.client.customer(id: "8").id == "8")
        #expect(await harness.store.history.count == 1)
        let api = await harness.simulator.requestLog().filter { $0.path.hasPrefix("/API/") }.map(\.status)
        #expect(api.suffix(2) == [401, 200])
    }

    /// Changelog 2026-01-15: the old refresh token is revoked only when the new access token is first used,
    /// so a refresh whose answer was lost can be tried again.
    @Test func theOldRefreshTokenWorksUntilTheNewAccessTokenIsUsed() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let original = try #require(await harness.store.loadTokens())
        try await harness.client.refreshTokens()
        #expect(await harness.simulator.refreshTokenIsValid(original.refreshToken))
        // A second client still holding the old pair (the answer "lost") refreshes with it.
        let retry = InMemoryTokenStore(original)
        let retrying = LightspeedClient(configuration: harness.configuration, tokenStore: retry,
                                        environment: harness.clock.environment)
        try await retrying.refreshTokens()
        #expect(await harness.simulator.refreshTokenIsValid(original.refreshToken))
        _ = try await harness.client.account()
        #expect(!(await harness.simulator.refreshTokenIsValid(original.refreshToken)))
        let stale = LightspeedClient(configuration: harness.configuration, tokenStore: InMemoryTokenStore(original),
                                     environment: harness.clock.environment)
        do {
            try await stale.refreshTokens()
            Issue.record("the old refresh token still worked after the new access token was used")
        } catch {
            #expect(error.needsReconnect)
        }
    }

    /// Why the grace matters here: a rotated pair that could not be saved is never used, so the stored old
    /// refresh token still works on the next call and the store keeps its connection.
    @Test func aRotatedPairThatCouldNotBeSavedLeavesTheOldRefreshTokenWorking() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let original = try #require(await harness.store.loadTokens())
        let flaky = FailingOnceTokenStore(original)
        let client = LightspeedClient(configuration: harness.configuration, tokenStore: flaky,
                                      environment: harness.clock.environment)
        await harness.simulator.expireAccessTokens()
        do {
            _ = try await client.account()
            Issue.record("a refresh that could not be saved was used")
        } catch {
            guard case .storageFailed = error else { Issue.record("got \(error)"); return }
        }
        #expect(await harness.simulator.refreshTokenIsValid(original.refreshToken))
        #expect(try await client.account().id == "12345")
        #expect(await flaky.saved == 1)
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

/// Holds one pair; the first save fails (a full disk), later ones succeed.
actor FailingOnceTokenStore: TokenStore {
    private var tokens: LightspeedTokens?
    private var failed = false
    private(set) var saved = 0

    init(_ tokens: LightspeedTokens?) { self.tokens = tokens }

    func loadTokens() -> LightspeedTokens? { tokens }

    func saveTokens(_ tokens: LightspeedTokens) throws {
        guard failed else {
            failed = true
            throw CocoaError(.fileWriteOutOfSpace)
        }
        self.tokens = tokens
        saved += 1
    }

    func clearTokens() { tokens = nil }
}
