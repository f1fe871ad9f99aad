import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator

/// The simulator is as strict as Lightspeed where section 0.1 of the spec sheet says Lightspeed is: raw HTTP
/// against it (what any client would send), and the client's answer to each.
@Suite(.serialized)
struct StrictSimulatorTests {
    private static let transport = URLSessionTransport()

    private func get(_ url: URL, token: String? = nil) async throws -> HTTPAnswer {
        var request = URLRequest(url: url, timeoutInterval: 10)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await Self.transport.send(request)
    }

    private func post(_ url: URL, _ fields: [(String, String)]) async throws -> (status: Int, json: LightspeedJSON) {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(QueryEncoding.build(fields).utf8)
        let answer = try await Self.transport.send(request)
        return (answer.status, (try? LightspeedJSON.parse(answer.body)) ?? .null)
    }

    /// Approves an authorize request built from `items` and returns the code (or the refusal's status).
    private func code(_ base: URL, _ items: [(String, String)]) async throws -> (status: Int, code: String?, location: String?) {
        let url = URL(string: "\(base.absoluteString)/auth/oauth/authorize?\(QueryEncoding.build(items))")!
        let answer = try await get(url)
        let location = answer.header("Location")
        let code = location.flatMap { QueryEncoding.parse(String($0.split(separator: "?").last ?? "")).first { $0.0 == "code" }?.1 }
        return (answer.status, code, location)
    }

    private func authorizeItems(_ simulator: LightspeedSimulator, challenge: String?, redirect: String? = nil)
        -> [(String, String)] {
        var items = [("response_type", "code"), ("client_id", simulator.clientID), ("scope", "employee:all"), ("state", "s1")]
        if let challenge { items += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        if let redirect { items.append(("redirect_uri", redirect)) }
        return items
    }

    @Test func thePublicClientMustUsePKCEAndAWrongOrMissingVerifierIsInvalidGrant() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let base = await harness.simulator.baseURL
        let tokenURL = base.appendingPathComponent("auth/oauth/token")
        // No challenge at all: refused at the authorize step.
        let bare = try await code(base, authorizeItems(harness.simulator, challenge: nil))
        #expect(bare.status == 400 && bare.code == nil)
        // "plain" is not accepted either.
        var plain = authorizeItems(harness.simulator, challenge: String(repeating: "a", count: 43))
        plain[plain.count - 1] = ("code_challenge_method", "plain")
        #expect(try await code(base, plain).status == 400)

        let verifier = PKCE.makeVerifier()
        let approved = try await code(base, authorizeItems(harness.simulator, challenge: PKCE.challenge(for: verifier)))
        let issued = try #require(approved.code)
        #expect(approved.location?.hasPrefix(harness.simulator.redirectURI + "?code=") == true)
        let fields = [("grant_type", "authorization_code"), ("client_id", harness.simulator.clientID), ("code", issued)]
        let missing = try await post(tokenURL, fields)
        #expect(missing.status == 400 && missing.json.string("error") == "invalid_grant")
        let wrong = try await post(tokenURL, fields + [("code_verifier", PKCE.makeVerifier())])
        #expect(wrong.status == 400 && wrong.json.string("error") == "invalid_grant")
        // Positive control: the right verifier exchanges the same code.
        let right = try await post(tokenURL, fields + [("code_verifier", verifier)])
        #expect(right.status == 200 && right.json.string("access_token").hasPrefix("sim-at-"))
        // Spent: the same code with the same verifier is refused.
        let again = try await post(tokenURL, fields + [("code_verifier", verifier)])
        #expect(again.status == 400 && again.json.string("error") == "invalid_grant")
    }

    @Test func aClientSecretIsRefusedForThePublicClient() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let base = await harness.simulator.baseURL
        let tokenURL = base.appendingPathComponent("auth/oauth/token")
        let verifier = PKCE.makeVerifier()
        let first = try #require(try await code(base, authorizeItems(harness.simulator, challenge: PKCE.challenge(for: verifier))).code)
        let fields = [("grant_type", "authorization_code"), ("client_id", harness.simulator.clientID), ("code", first),
                      ("code_verifier", verifier)]
        let withSecret = try await post(tokenURL, fields + [("client_secret", harness.simulator.clientSecret)])
        #expect(withSecret.status == 401 && withSecret.json.string("error") == "invalid_client")
        #expect(try await post(tokenURL, fields).status == 200)
        // The refresh grant and revoke refuse it the same way.
        let tokens = await harness.simulator.issueTokens()
        let refresh = [("grant_type", "refresh_token"), ("client_id", harness.simulator.clientID),
                       ("refresh_token", tokens.refreshToken)]
        #expect(try await post(tokenURL, refresh + [("client_secret", "x")]).status == 401)
        let revoke = base.appendingPathComponent("auth/oauth/revoke")
        #expect(try await post(revoke, [("client_id", harness.simulator.clientID), ("client_secret", "x"),
                                        ("refresh_token", tokens.refreshToken)]).status == 401)
        #expect(try await post(tokenURL, refresh).status == 200)
    }

    @Test func aRedirectMustBeTheRegisteredHTTPSAddress() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let base = await harness.simulator.baseURL
        let tokenURL = base.appendingPathComponent("auth/oauth/token")
        let challenge = PKCE.challenge(for: PKCE.makeVerifier())
        let plainHTTP = try await code(base, authorizeItems(harness.simulator, challenge: challenge,
                                                            redirect: "http://127.0.0.1:8765/lightspeed/callback"))
        #expect(plainHTTP.status == 400 && plainHTTP.code == nil)
        let otherHTTPS = try await code(base, authorizeItems(harness.simulator, challenge: challenge,
                                                             redirect: "https://example.com/lightspeed/callback"))
        #expect(otherHTTPS.status == 400 && otherHTTPS.code == nil)
        // The registered one is accepted; then the token request must name it too.
        let verifier = PKCE.makeVerifier()
        let registered = try await code(base, authorizeItems(harness.simulator, challenge: PKCE.challenge(for: verifier),
                                                             redirect: harness.simulator.redirectURI))
        let issued = try #require(registered.code)
        let fields = [("grant_type", "authorization_code"), ("client_id", harness.simulator.clientID), ("code", issued),
                      ("code_verifier", verifier)]
        let without = try await post(tokenURL, fields)
        #expect(without.status == 400 && without.json.string("error") == "invalid_request")
        let mismatch = try await post(tokenURL, fields + [("redirect_uri", "https://example.com/lightspeed/callback")])
        #expect(mismatch.status == 400)
        #expect(try await post(tokenURL, fields + [("redirect_uri", harness.simulator.redirectURI)]).status == 200)
    }

    @Test func everyJSONBodyEscapesSlashesAndTheClientReadsThem() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 3), pageSize: 1)
        defer { Task { await harness.stop() } }
        let tokens = try #require(await harness.store.loadTokens())
        let base = await harness.simulator.baseURL
        let account = try await get(base.appendingPathComponent("API/V3/Account.json"), token: tokens.accessToken)
        let text = String(decoding: account.body, as: UTF8.self)
        #expect(text.contains(#""href":"\/API\/V3\/Account\/12345""#))
        #expect(!text.contains("/API/V3/Account/12345"))
        let json = try LightspeedJSON.parse(account.body)
        #expect(json["Account"]?["link"]?["@attributes"]?.string("href") == "/API/V3/Account/12345")
        // A `next` cursor written as http:\/\/… is followed: three pages of one sale each.
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        #expect(sales.count == 3)
        let pages = await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Sale.json") }
        #expect(pages.count == 3 && pages.allSatisfy { $0.status == 200 })
    }

    @Test func anArchivedLinkedCustomerStillLoads() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let tokens = try #require(await harness.store.loadTokens())
        let base = await harness.simulator.baseURL
        // Lightspeed hides archived records unless asked, even by ID.
        let hidden = try await get(base.appendingPathComponent("API/V3/Account/12345/Customer/10.json"), token: tokens.accessToken)
        #expect(hidden.status == 404)
        let customer = try await harness.client.customer(id: "10")
        #expect(customer.fullName == "Old Gone")
        #expect(try await harness.client.customer(id: "8").id == "8")
    }

    @Test func loadedRelationsCostTheirShareOfTheBucket() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 3))
        defer { Task { await harness.stop() } }
        let tokens = try #require(await harness.store.loadTokens())
        let base = await harness.simulator.baseURL
        let relations = QueryEncoding.relations(["SaleLines", "SaleLines.Item"])
        let list = URL(string: "\(base.absoluteString)/API/V3/Account/12345/Sale.json?load_relations=\(QueryEncoding.encode(relations))")!
        let page = try await get(list, token: tokens.accessToken)
        #expect(page.header("X-Ls-Api-Request-Cost") == "1.8")
        #expect(page.header("X-Ls-Api-Bucket-Level") == "1.8/90")
        let single = URL(string: "\(base.absoluteString)/API/V3/Account/12345/Sale/1000.json?load_relations=\(QueryEncoding.encode(QueryEncoding.relations(["SaleLines", "SaleLines.Item", "Customer", "Customer.Contact"])))")!
        #expect(try await get(single, token: tokens.accessToken).header("X-Ls-Api-Request-Cost") == "1.6")
        let plain = try await get(base.appendingPathComponent("API/V3/Account.json"), token: tokens.accessToken)
        #expect(plain.header("X-Ls-Api-Request-Cost") == "1")
    }

    /// The sales watcher books each page against its share before sending it (`SalesFeed.completedPageCost`,
    /// from the relations the page loads, by the pacer's own rule): exactly what Lightspeed (the simulator,
    /// which computes it on its own) charges for the page the client then sends.
    @Test func theWatchersBookedPageCostIsWhatItsPageCosts() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 3))
        defer { Task { await harness.stop() } }
        _ = try await harness.client.completedSalesPage(since: Date(timeIntervalSince1970: 0), shops: [], cursor: nil)
        let sent = try #require(await harness.simulator.requestLog().last { $0.path.hasSuffix("/Sale.json") })
        let tokens = try #require(await harness.store.loadTokens())
        let base = await harness.simulator.baseURL
        let again = try await get(try #require(URL(string: base.absoluteString + sent.path + "?" + sent.query)),
                                  token: tokens.accessToken)
        let charged = try #require(again.header("X-Ls-Api-Request-Cost").flatMap(Double.init))
        #expect(abs(charged - SalesFeed.completedPageCost) < 0.0001, "charged \(charged), booked \(SalesFeed.completedPageCost)")
    }

    /// The client books that cost before sending: with the bucket at its limit (size 90 less 3 of
    /// headroom), a sale page with lines and items waits 1.8 s of drip, not 1.
    @Test func pacingBooksTheCostOfLoadedRelations() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 2))
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.setBucketLevel(87)
        _ = try await harness.client.account()  // the client now knows the level: 88 after this call
        let before = harness.clock.sleeps.count
        _ = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        let waits = Array(harness.clock.sleeps.dropFirst(before))
        #expect(waits.count == 1)
        #expect(abs((waits.first ?? 0) - 2.8) < 0.01, "waited \(waits)")
        #expect(await harness.simulator.requestLog().allSatisfy { $0.status != 429 })
    }

    /// The tutorial's JWKS host answers with a redirect: the verifier follows it, and keys are cached by
    /// `kid` (a second press with the same key fetches nothing; an unknown kid fetches again).
    @Test func jwksRedirectsAreFollowedAndKeysCachedByKid() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let moved = await harness.simulator.baseURL.appendingPathComponent("merchantos/.well-known/jwks")
        let verifier = ButtonVerifier(jwksURL: moved, expectedAccountID: "12345",
                                      now: { [clock = harness.clock] in clock.now() })
        let listener = URL(string: "http://127.0.0.1:8765/lightspeed/button")!
        for _ in 0..<2 {
            let url = try await harness.simulator.buttonURL(listener: listener, saleID: "277")
            #expect(try await verifier.verify(url: url).get().saleID == "277")
            harness.clock.advance(by: 1)
        }
        let fetches = await harness.simulator.requestLog().filter { $0.path.hasSuffix(".well-known/jwks") }
        #expect(fetches.map(\.path) == ["/merchantos/.well-known/jwks", "/.well-known/jwks"])
        #expect(fetches.map(\.status) == [301, 200])
    }
}
