import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// The Lightspeed Retail (R-Series) client: OAuth tokens with rotation, paced and retried GETs, and
/// tolerant decoding into domain-friendly values. One instance per connected account.
public actor LightspeedClient {
    public let configuration: LightspeedConfiguration
    private let tokenStore: any TokenStore
    private let transport: any HTTPTransport
    private let environment: LightspeedEnvironment
    private let logger: Logger
    let pacer: RatePacer
    private var accountID: String?
    /// The account's shops, read once per client (they change rarely; a new client reads them again).
    private var shopCache: [LightspeedShop]?
    private var refreshTask: Task<LightspeedTokens, any Error>?
    private nonisolated let pendingAttempts = PendingAttempts()

    public init(configuration: LightspeedConfiguration, tokenStore: any TokenStore,
                transport: any HTTPTransport = URLSessionTransport(),
                environment: LightspeedEnvironment = .live,
                logger: Logger = Logger(label: "astro.lightspeed")) {
        self.configuration = configuration
        self.tokenStore = tokenStore
        self.transport = transport
        self.environment = environment
        self.logger = logger
        self.pacer = RatePacer(environment: environment)
        self.accountID = configuration.accountID
    }

    // MARK: OAuth

    /// A new connection attempt: open `url` in a browser, keep `state` to check the pasted redirect. A fresh
    /// PKCE verifier is made for it and kept here, in memory, until `connect` exchanges the code.
    public nonisolated func authorizationRequest() -> AuthorizationRequest {
        let verifier = PKCE.makeVerifier()
        let request = LightspeedAuthorization.request(configuration: configuration, verifier: verifier)
        pendingAttempts.add(state: request.state, verifier: verifier)
        return request
    }

    /// Finishes a connection: checks the pasted redirect (or bare code), exchanges the code with the
    /// attempt's `code_verifier`, stores the tokens and returns the linked account.
    @discardableResult
    public func connect(pasted: String, expectedState: String) async throws(LightspeedError) -> LightspeedAccount {
        let code = try LightspeedAuthorization.code(fromPasted: pasted, expectedState: expectedState)
        guard let verifier = pendingAttempts.verifier(for: expectedState) else { throw .attemptUnknown }
        var fields = [("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier)]
        if let redirect = configuration.redirectURI { fields.append(("redirect_uri", redirect)) }
        let tokens = try await tokenRequest(fields, previous: nil)
        pendingAttempts.finish(state: expectedState)
        try await save(tokens)
        accountID = configuration.accountID
        return try await account()
    }

    /// `client_id`, and `client_secret` only for a store's own (confidential) registration.
    private var clientFields: [(String, String)] {
        var fields = [("client_id", configuration.clientID)]
        if let secret = configuration.clientSecret, !secret.isEmpty { fields.append(("client_secret", secret)) }
        return fields
    }

    /// The app's "disconnect": revokes the refresh token at Lightspeed (best effort: a failure there is
    /// logged, not shown, since the tokens are forgotten here either way) and forgets the tokens.
    public func disconnect() async throws(LightspeedError) {
        if let tokens = try? await tokenStore.loadTokens() {
            let base = configuration.authBaseURL.absoluteString.trimmingTrailingSlash
            var request = URLRequest(url: URL(string: "\(base)/auth/oauth/revoke")!, timeoutInterval: configuration.requestTimeout)
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(QueryEncoding.build(clientFields + [("refresh_token", tokens.refreshToken)]).utf8)
            do {
                let answer = try await transport.send(request)
                if !(200..<300).contains(answer.status) { logger.notice("Lightspeed revoke answered \(answer.status)") }
            } catch {
                logger.notice("Lightspeed revoke failed: \(Self.describe(error))")
            }
        }
        do { try await tokenStore.clearTokens() } catch {
            throw .storageFailed(detail: String(describing: error))
        }
        accountID = configuration.accountID
    }

    /// Uses the refresh token now and stores the rotated pair. Concurrent callers share one refresh.
    @discardableResult
    public func refreshTokens() async throws(LightspeedError) -> LightspeedTokens {
        if let refreshTask {
            return try await Self.value(of: refreshTask)
        }
        let task = Task { () async throws -> LightspeedTokens in
            guard let current = try await self.loadTokens() else { throw LightspeedError.notConnected }
            let fresh = try await self.tokenRequest([("grant_type", "refresh_token"),
                                                     ("refresh_token", current.refreshToken)], previous: current)
            try await self.save(fresh)
            self.logger.info("Lightspeed tokens refreshed")
            return fresh
        }
        refreshTask = task
        defer { refreshTask = nil }
        return try await Self.value(of: task)
    }

    private static func value(of task: Task<LightspeedTokens, any Error>) async throws(LightspeedError) -> LightspeedTokens {
        do { return try await task.value } catch let error as LightspeedError { throw error } catch {
            throw .unexpectedStatus(0, detail: String(describing: error))
        }
    }

    private func loadTokens() async throws(LightspeedError) -> LightspeedTokens? {
        do { return try await tokenStore.loadTokens() } catch {
            throw .storageFailed(detail: String(describing: error))
        }
    }

    private func save(_ tokens: LightspeedTokens) async throws(LightspeedError) {
        do { try await tokenStore.saveTokens(tokens) } catch {
            logger.error("Could not store the Lightspeed tokens: \(error)")
            throw .storageFailed(detail: String(describing: error))
        }
    }

    private func tokenRequest(_ fields: [(String, String)], previous: LightspeedTokens?) async throws(LightspeedError) -> LightspeedTokens {
        let base = configuration.authBaseURL.absoluteString.trimmingTrailingSlash
        var request = URLRequest(url: URL(string: "\(base)/auth/oauth/token")!,
                                 timeoutInterval: configuration.requestTimeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let body = clientFields + fields
        request.httpBody = Data(QueryEncoding.build(body).utf8)
        let grant = fields.first?.1 ?? "?"

        var attempt = 0
        while true {
            let answer: HTTPAnswer
            do {
                answer = try await transport.send(request)
            } catch {
                let mapped = Self.map(transportError: error)
                attempt += 1
                if attempt > configuration.maxRetries || !Self.isRetryable(mapped) {
                    logger.warning("Lightspeed token request (\(grant)) failed: \(Self.describe(error))")
                    throw mapped
                }
                try await backoff(attempt)
                continue
            }
            switch answer.status {
            case 200..<300:
                // Never log this body: it holds the tokens.
                guard let json = try? LightspeedBody.decode(TokenAnswer.self, from: answer.body),
                      let access = json.accessToken?.text, !access.isEmpty else {
                    logger.error("Lightspeed token response (\(grant)) was not readable (status \(answer.status))")
                    throw .malformedResponse(detail: "token response without access_token")
                }
                // Legacy servers kept the old refresh token and sent none back.
                let refresh = json.refreshToken?.text ?? previous?.refreshToken ?? ""
                let lifetime = json.expiresIn?.text.flatMap(Double.init) ?? 3600
                return LightspeedTokens(accessToken: access, refreshToken: refresh,
                                        expiresAt: environment.now().addingTimeInterval(lifetime))
            case 500...599:
                attempt += 1
                if attempt > configuration.maxRetries {
                    logger.warning("Lightspeed token endpoint kept failing with \(answer.status)")
                    throw .serverError(status: answer.status)
                }
                try await backoff(attempt)
            default:
                let json = try? LightspeedBody.decode(ErrorAnswer.self, from: answer.body)
                let code = json?.error.string ?? ""
                let detail = "\(answer.status) \(code): \(json?.errorDescription.string ?? "") \(json?.hint.string ?? "")"
                logger.warning("Lightspeed token request (\(grant)) refused: \(detail)")
                if code == "invalid_client" || answer.status == 401 { throw .badClientCredentials }
                if grant == "authorization_code" { throw .codeRejected(detail: detail) }
                throw .reconnectNeeded(detail: detail)
            }
        }
    }

    // MARK: API

    /// The account the token belongs to (`GET /API/V3/Account.json`).
    public func account() async throws(LightspeedError) -> LightspeedAccount {
        let answer = try await get(apiURL("/API/V3/Account.json", []), as: Envelope<AccountRecord>.self)
        guard let first = answer.records.first else {
            throw .malformedResponse(detail: "Account.json without Account")
        }
        let account = try LightspeedAccount(record: first)
        accountID = account.id
        return account
    }

    /// One sale with its lines, their items, and the customer with contact details.
    public func sale(id saleID: String) async throws(LightspeedError) -> LightspeedSale {
        let path = try await accountPath("/Sale/\(QueryEncoding.encode(saleID)).json")
        let answer = try await get(apiURL(path, [("load_relations", QueryEncoding.relations(
            ["SaleLines", "SaleLines.Item", "Customer", "Customer.Contact"]))]), as: Envelope<SaleRecord>.self,
            what: "sale \(saleID)")
        guard let sale = answer.records.first else { throw .notFound(what: "sale \(saleID)") }
        return try LightspeedSale(record: sale)
    }

    /// The sale once it is completed or voided: the button is usually pressed while the sale is still open, so
    /// this reads it again after 2, 4, 8, 16, 32 then every 60 seconds (`SaleCompletionBackoff`: one paced
    /// read a minute at most, far inside the rate budget) and returns it as it last was — open when `maxWait`
    /// seconds passed first (nil: wait until it completes or is voided; cancelling the task stops it).
    public func saleWhenCompleted(id saleID: String, maxWait: Double? = nil) async throws(LightspeedError) -> LightspeedSale {
        var sale = try await self.sale(id: saleID)
        var waited = 0.0
        var checks = 0
        while sale.isOpen {
            checks += 1
            var delay = SaleCompletionBackoff.delay(afterChecks: checks)
            if let maxWait {
                guard waited < maxWait else { break }
                delay = min(delay, maxWait - waited)
            }
            do { try await environment.sleep(delay) } catch { throw .cancelled }
            waited += delay
            sale = try await self.sale(id: saleID)
        }
        return sale
    }

    /// The account's shops with their time zones (`GET /Shop.json`, all pages), read once per client.
    public func shops() async throws(LightspeedError) -> [LightspeedShop] {
        if let shopCache { return shopCache }
        var url = try apiURL(try await accountPath("/Shop.json"), [("limit", "100")])
        var shops: [LightspeedShop] = []
        while true {
            let page = try await get(url, as: Envelope<ShopRecord>.self, what: "shops")
            for record in page.records { shops.append(try LightspeedShop(record: record)) }
            if page.next.isEmpty { break }
            url = try followable(page.next)
        }
        shopCache = shops
        return shops
    }

    /// A customer's completed, not voided sales whose `completeTime` falls in the range, with lines and
    /// items, all pages. Cancelling the task throws `LightspeedError.cancelled` and returns nothing partial.
    public func completedSales(customerID: String, in range: CompleteTimeRange,
                               progress: @escaping @Sendable (SalesFetchProgress) -> Void = { _ in })
        async throws(LightspeedError) -> [LightspeedSale] {
        var query: [(String, String)] = [("customerID", customerID), ("completed", "true"), ("voided", "false")]
        if let filter = range.filterValue { query.append(("completeTime", filter)) }
        query += [("sort", "completeTime"), ("limit", String(configuration.pageSize)),
                  ("load_relations", QueryEncoding.relations(["SaleLines", "SaleLines.Item"]))]
        var url = try apiURL(try await accountPath("/Sale.json"), query)
        var sales: [LightspeedSale] = []
        var positions: [String: Int] = [:]
        var counts = SalesFetchProgress()
        while true {
            if Task.isCancelled { throw .cancelled }
            let page = try await get(url, as: Envelope<SaleRecord>.self)
            if Task.isCancelled { throw .cancelled }
            for sale in try page.sales() {
                // A sale edited between pages can come twice; keep the newer copy once.
                if let index = positions[sale.id] {
                    counts.lines -= sales[index].lines.count
                    sales[index] = sale
                } else {
                    positions[sale.id] = sales.count
                    sales.append(sale)
                }
                counts.lines += sale.lines.count
            }
            counts.pages += 1
            counts.sales = sales.count
            progress(counts)
            if page.next.isEmpty { break }
            url = try followable(page.next)
        }
        return sales
    }

    /// One customer with contact details, archived or not: a linked customer whom the store archived in
    /// Lightspeed is still this loyalty customer (Lightspeed hides archived records unless asked).
    public func customer(id customerID: String) async throws(LightspeedError) -> LightspeedCustomer {
        let path = try await accountPath("/Customer/\(QueryEncoding.encode(customerID)).json")
        let answer = try await get(apiURL(path, [("load_relations", QueryEncoding.relations(["Contact"])),
                                                 ("archived", "true")]),
                                   as: Envelope<CustomerRecord>.self, what: "customer \(customerID)")
        guard let customer = answer.records.first else { throw .notFound(what: "customer \(customerID)") }
        return try LightspeedCustomer(record: customer)
    }

    /// Customers matching a name ("sally", "sally owner"), a phone (any formatting, ≥ 3 digits) or an email.
    public func searchCustomers(_ text: String) async throws(LightspeedError) -> [LightspeedCustomer] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return [] }
        let digits = query.filter(\.isNumber)
        let isPhone = digits.count >= 3 && query.allSatisfy { $0.isNumber || " ()-+.".contains($0) }
        var filters: [[(String, String)]] = []
        if query.contains("@") {
            filters = [[("Contact.email", "~,%\(query)%")]]
        } else if isPhone {
            // Phones are free text ("360 555 2453"); the last four digits are rarely split by formatting,
            // so ask for those and compare all digits here.
            let tail = String(digits.suffix(4))
            filters = ["Contact.mobile", "Contact.phoneHome", "Contact.phoneWork"].map { [($0, "~,%\(tail)")] }
        } else {
            let words = query.split(separator: " ").map(String.init)
            if words.count >= 2 {
                filters = [[("firstName", "~,\(words[0])%"), ("lastName", "~,\(words.dropFirst().joined(separator: " "))%")]]
            } else {
                filters = [[("firstName", "~,\(query)%")], [("lastName", "~,\(query)%")]]
            }
        }
        let path = try await accountPath("/Customer.json")
        var found: [LightspeedCustomer] = []
        for filter in filters {
            let answer = try await get(apiURL(path, filter + [("load_relations", QueryEncoding.relations(["Contact"])),
                                                              ("limit", "100")]), as: Envelope<CustomerRecord>.self)
            for record in answer.records {
                let customer = try LightspeedCustomer(record: record)
                if isPhone, !customer.phones.contains(where: { $0.digits.hasSuffix(digits) || $0.digits.contains(digits) }) {
                    continue
                }
                if !found.contains(where: { $0.id == customer.id }) { found.append(customer) }
            }
        }
        return found
    }

    /// The item with this UPC, EAN, item ID or custom SKU; nil when none. A 12-digit UPC is also tried as
    /// its 13-digit EAN form and back, and as the 11 digits Lightspeed keeps when the leading zero was lost.
    public func item(code rawCode: String) async throws(LightspeedError) -> LightspeedItem? {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { return nil }
        var attempts: [(String, String)] = [("itemCode", code)]
        if code.count == 12, code.allSatisfy(\.isNumber) { attempts.append(("itemCode", "0" + code)) }
        // Lightspeed takes 11-digit UPCs: a UPC-A whose leading zero was dropped.
        if code.count == 12, code.hasPrefix("0"), code.allSatisfy(\.isNumber) { attempts.append(("itemCode", String(code.dropFirst()))) }
        if code.count == 13, code.hasPrefix("0"), code.allSatisfy(\.isNumber) { attempts.append(("itemCode", String(code.dropFirst()))) }
        attempts.append(("customSku", code))
        let path = try await accountPath("/Item.json")
        for attempt in attempts {
            let answer = try await get(apiURL(path, [attempt]), as: Envelope<ItemRecord>.self)
            if let first = answer.records.first { return try LightspeedItem(record: first) }
        }
        return nil
    }

    // MARK: Plumbing

    func accountPath(_ suffix: String) async throws(LightspeedError) -> String {
        if accountID == nil { _ = try await account() }
        return "/API/V3/Account/\(QueryEncoding.encode(accountID ?? ""))\(suffix)"
    }

    func apiURL(_ path: String, _ query: [(String, String)]) throws(LightspeedError) -> URL {
        let base = configuration.apiBaseURL.absoluteString.trimmingTrailingSlash
        let text = query.isEmpty ? base + path : "\(base)\(path)?\(QueryEncoding.build(query))"
        guard let url = URL(string: text) else { throw .malformedResponse(detail: "bad URL \(text)") }
        return url
    }

    /// A `next` cursor URL, followed only on the API's own host so the token never goes elsewhere.
    func followable(_ next: String) throws(LightspeedError) -> URL {
        guard let url = URL(string: next), url.host == configuration.apiBaseURL.host,
              url.port == configuration.apiBaseURL.port else {
            throw .malformedResponse(detail: "next cursor points elsewhere: \(next)")
        }
        return url
    }

    private func currentAccessToken() async throws(LightspeedError) -> String {
        guard let tokens = try await loadTokens() else { throw .notConnected }
        if environment.now() >= tokens.expiresAt.addingTimeInterval(-30) {
            return try await refreshTokens().accessToken
        }
        return tokens.accessToken
    }

    /// One GET with pacing, refresh-once on 401 (or 403 "revoked"), waits on 429, backoff on 5xx/timeouts; the
    /// body decoded as `Body` (`LightspeedBody`).
    func get<Body: Decodable>(_ url: URL, as body: Body.Type, what: String = "record") async throws(LightspeedError) -> Body {
        var refreshed = false
        var failures = 0
        var rateLimitWaits = 0
        let label = Self.redacted(url)
        while true {
            if Task.isCancelled { throw .cancelled }
            do { try await pacer.waitTurn(cost: RequestCost.estimate(for: url)) } catch { throw .cancelled }
            let token = try await currentAccessToken()
            var request = URLRequest(url: url, timeoutInterval: configuration.requestTimeout)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let answer: HTTPAnswer
            do {
                answer = try await transport.send(request)
            } catch {
                if error is CancellationError || Task.isCancelled { throw .cancelled }
                let mapped = Self.map(transportError: error)
                failures += 1
                logger.warning("Lightspeed GET \(label) failed (\(failures)): \(Self.describe(error))")
                if failures > configuration.maxRetries || !Self.isRetryable(mapped) { throw mapped }
                try await backoff(failures)
                continue
            }
            await pacer.observe(answer)
            switch answer.status {
            case 200..<300:
                do throws(LightspeedError) {
                    return try LightspeedBody.decode(body, from: answer.body, source: label)
                } catch {
                    // No body excerpt: a half-read success body holds customer details.
                    let looksLikeHTML = Self.snippet(answer.body).lowercased().contains("<html")
                    logger.error("Lightspeed GET \(label): unreadable body (\(answer.body.count) bytes, \(answer.header("content-type") ?? "?")\(looksLikeHTML ? ", an HTML page" : ""))")
                    throw error
                }
            case 401, 403:
                let refusal = try? LightspeedBody.decode(ErrorAnswer.self, from: answer.body)
                let message = [refusal?.hint.string ?? "", refusal?.message.string ?? "", refusal?.errorDescription.string ?? ""]
                    .joined(separator: " ")
                let revoked = answer.status == 401 || message.lowercased().contains("revoked")
                logger.warning("Lightspeed GET \(label): \(answer.status) \(message)")
                guard revoked else { throw .forbidden(detail: message) }
                if refreshed { throw .reconnectNeeded(detail: "\(answer.status) after refresh: \(message)") }
                refreshed = true
                _ = try await refreshTokens()
            case 404:
                logger.info("Lightspeed GET \(label): 404 \(Self.snippet(answer.body))")
                throw .notFound(what: what)
            case 429:
                rateLimitWaits += 1
                let retryAfter = answer.header("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                logger.notice("Lightspeed GET \(label): 429, Retry-After \(retryAfter.map { String($0) } ?? "none")")
                if rateLimitWaits > configuration.maxRateLimitWaits {
                    throw .busy(retryAfterSeconds: retryAfter.map { Int($0.rounded(.up)) })
                }
                let wait = min(max(retryAfter ?? 1, 1), 120)
                do { try await environment.sleep(wait) } catch { throw .cancelled }
            case 500...599:
                failures += 1
                logger.warning("Lightspeed GET \(label): \(answer.status) (\(failures)) \(Self.snippet(answer.body))")
                if failures > configuration.maxRetries { throw .serverError(status: answer.status) }
                try await backoff(failures)
            default:
                logger.error("Lightspeed GET \(label): \(answer.status) \(Self.snippet(answer.body))")
                throw .unexpectedStatus(answer.status, detail: Self.snippet(answer.body))
            }
        }
    }

    private func backoff(_ attempt: Int) async throws(LightspeedError) {
        let seconds = min(0.5 * pow(2, Double(attempt - 1)), 8)
        do { try await environment.sleep(seconds) } catch { throw .cancelled }
    }

    static func map(transportError error: any Error) -> LightspeedError {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut: return .timedOut
            case .cancelled: return .cancelled
            default: return .unreachable(detail: "URLError \(urlError.code.rawValue)")
            }
        }
        if let lightspeed = error as? LightspeedError { return lightspeed }
        return .unreachable(detail: String(describing: error))
    }

    static func describe(_ error: any Error) -> String {
        if let urlError = error as? URLError { return "URLError \(urlError.code.rawValue)" }
        return String(describing: error)
    }

    static func isRetryable(_ error: LightspeedError) -> Bool {
        switch error {
        case .timedOut, .unreachable: return true
        default: return false
        }
    }

    /// The URL for logs: path and query only (no tokens are ever in a URL, but keep hosts out of the noise).
    static func redacted(_ url: URL) -> String {
        var text = url.path
        if let query = url.query { text += "?" + query }
        return text
    }

    static func snippet(_ data: Data) -> String {
        String(decoding: data.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
}

/// How long to wait before reading an open sale again: 2, 4, 8, 16, 32, then 60 seconds between reads.
public enum SaleCompletionBackoff {
    public static let longest: Double = 60

    public static func delay(afterChecks checks: Int) -> Double {
        min(2 * pow(2, Double(max(0, min(checks, 10) - 1))), longest)
    }
}

/// How far a multi-page fetch has got, for the progress line.
public struct SalesFetchProgress: Sendable, Equatable {
    public var pages = 0
    public var sales = 0
    public var lines = 0

    public init(pages: Int = 0, sales: Int = 0, lines: Int = 0) {
        self.pages = pages
        self.sales = sales
        self.lines = lines
    }
}

/// A `completeTime` window. Bounds are instants; `timeZone` only chooses the offset written in the query
/// (so a store-local midnight reads as such in logs).
public struct CompleteTimeRange: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var timeZone: TimeZone

    public init(from: Date? = nil, to: Date? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// `>=,from`, `<=,to` or `><,from,to` (inclusive); nil for no bound.
    public var filterValue: String? {
        switch (from, to) {
        case let (from?, to?): return "><,\(LightspeedDate.format(from, in: timeZone)),\(LightspeedDate.format(to, in: timeZone))"
        case let (from?, nil): return ">=,\(LightspeedDate.format(from, in: timeZone))"
        case let (nil, to?): return "<=,\(LightspeedDate.format(to, in: timeZone))"
        case (nil, nil): return nil
        }
    }
}
