import Foundation
import Lightspeed

/// An HTTP answer the server writes out (after `delay` real seconds, for the slow fault).
struct SimulatorResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data
    var delay: Double = 0
    /// A JSON body (whatever its label): Lightspeed's escape their slashes (`\/`), so the API's do too.
    var isJSON = false

    static func json(_ status: Int, _ json: LightspeedJSON, headers: [(String, String)] = []) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: json.encoded(),
                          isJSON: true)
    }

    /// PHP's `json_encode` writes `/` as `\/`; every `/` of a compact JSON body is inside a string, so each is
    /// escaped (a decoder that only handles plain slashes breaks on real answers).
    static func escapingSlashes(_ body: Data) -> Data {
        guard body.contains(UInt8(ascii: "/")) else { return body }
        // Foundation's replace (compiled optimized) rather than a byte loop: the simulator runs in debug builds.
        return Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "/", with: "\\/").utf8)
    }

    static func apiError(_ status: Int, _ phrase: String, _ message: String, errorClass: String = "Exception") -> SimulatorResponse {
        // Lightspeed has sent these JSON bodies labelled text/html; so does the simulator, to keep clients honest.
        SimulatorResponse(status: status, headers: [("Content-Type", "text/html; charset=UTF-8")],
                          body: LightspeedJSON.object(["httpCode": .string(String(status)), "httpMessage": .string(phrase),
                                                       "message": .string(message), "errorClass": .string(errorClass)]).encoded(),
                          isJSON: true)
    }

    static func oauthError(_ status: Int, _ error: String, _ description: String, hint: String) -> SimulatorResponse {
        .json(status, .object(["error": .string(error), "error_description": .string(description), "hint": .string(hint)]))
    }
}

/// Everything the simulator knows and does, behind one actor: data, tokens, bucket, faults.
actor SimulatorState {
    let options: SimulatorOptions
    var baseURL = "http://127.0.0.1"
    let accountID: String
    let accountName: String
    private(set) var customers: [String: LightspeedJSON] = [:]
    private(set) var items: [String: LightspeedJSON] = [:]
    /// The account's shops by `shopID`, each with its `timeZone`.
    private(set) var shops: [String: LightspeedJSON] = [:]
    /// Sales without their relations; lines kept apart so they can be re-wrapped per request.
    var sales: [String: LightspeedJSON] = [:]
    private(set) var saleLines: [String: [LightspeedJSON]] = [:]
    /// OAuth: codes waiting for their exchange, tokens issued (see `SimulatorOAuth.swift`).
    var codes: [String: IssuedCode] = [:]
    var accessTokens: [String: IssuedAccessToken] = [:]
    var refreshTokens: [String: IssuedRefreshToken] = [:]
    /// Every `code_verifier` a token request carried, so a test can look for them where they must not be.
    var verifiersReceived: [String] = []
    private var bucketLevel = 0.0
    private var bucketUpdated: Date?
    private var faults: [SimulatorFault] = []
    private(set) var log: [SimulatorRequestRecord] = []
    /// Register edits waiting for this many more `Sale.json` pages (see `SimulatorEdits.swift`).
    var pendingEdits: [(salePagesLeft: Int, edits: [SimulatorEdit])] = []
    let signer: ButtonSigner

    init(data: SimulatorData, options: SimulatorOptions, signer: ButtonSigner) {
        self.options = options
        self.signer = signer
        accountID = data.accountID
        accountName = data.accountName
        for customer in data.customers { if let id = customer.link("customerID") { customers[id] = customer } }
        for item in data.items { if let id = item.link("itemID") { items[id] = item } }
        for shop in data.shops { if let id = shop.link("shopID") { shops[id] = shop } }
        if shops.isEmpty {
            // Every Lightspeed account has a shop; a data file that lists none gets one in its anchor zone.
            var shop: [String: LightspeedJSON] = ["shopID": .string("1"), "name": .string(data.accountName),
                                                  "archived": .string("false")]
            if let zone = data.anchorTimeZoneID { shop["timeZone"] = .string(zone) }
            shops["1"] = .object(shop)
        }
        for sale in data.sales {
            guard let (id, fields, lines) = Self.split(sale: sale) else { continue }
            sales[id] = fields
            saleLines[id] = lines
        }
    }

    /// A sale as stored: its own fields, and its lines apart (relations are re-attached per request).
    static func split(sale: LightspeedJSON) -> (String, LightspeedJSON, [LightspeedJSON])? {
        guard let id = sale.link("saleID"), var fields = sale.fields else { return nil }
        let lines = sale.many("SaleLines", "SaleLine")
        fields["SaleLines"] = nil
        fields["Customer"] = nil
        return (id, .object(fields), lines)
    }

    func store(sale: LightspeedJSON) {
        guard let (id, fields, lines) = Self.split(sale: sale) else { return }
        sales[id] = fields
        saleLines[id] = lines
    }

    // MARK: Control

    func setBaseURL(_ url: String) { baseURL = url }
    func inject(_ newFaults: [SimulatorFault]) { faults += newFaults }
    func clearFaults() { faults = [] }
    func expireAccessTokens() { for key in accessTokens.keys { accessTokens[key]?.expires = .distantPast } }
    func revokeAccessTokens() { for key in accessTokens.keys { accessTokens[key]?.revoked = true } }
    func revokeRefreshTokens() { refreshTokens.removeAll() }
    func refreshTokenIsValid(_ token: String) -> Bool { refreshTokens[token] != nil }
    func codeVerifiersReceived() -> [String] { verifiersReceived }
    func setBucketLevel(_ level: Double) {
        bucketLevel = level
        bucketUpdated = options.now()
    }
    func requestLog() -> [SimulatorRequestRecord] { log }

    /// A token pair as if an admin had connected already (for training mode and tests that skip OAuth),
    /// issued to the application's public client.
    func issueTokens() -> LightspeedTokens { issueTokens(clientID: options.clientID, replacing: nil) }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    // MARK: Routing

    func handle(method: String, path: String, rawQuery: String, headers: [String: String], body: Data) -> SimulatorResponse {
        var response = route(method: method, path: path, rawQuery: rawQuery, headers: headers, body: body)
        if response.isJSON { response.body = SimulatorResponse.escapingSlashes(response.body) }
        log.append(SimulatorRequestRecord(method: method, path: path, query: rawQuery, status: response.status, at: options.now()))
        countRequest(path: path, status: response.status)
        return response
    }

    private func route(method: String, path: String, rawQuery: String, headers: [String: String], body: Data,
                       faultsApply: Bool = true) -> SimulatorResponse {
        let query = QueryEncoding.parse(rawQuery)
        switch path {
        case "/auth/oauth/authorize", "/oauth/authorize.php":
            return authorize(query)
        case "/auth/oauth/token", "/oauth/access_token.php":
            guard method == "POST" else {
                return .oauthError(405, "invalid_request", "The token endpoint only accepts POST.", hint: "Use POST")
            }
            return token(Self.formFields(body: body, contentType: headers["content-type"] ?? ""))
        case "/auth/oauth/revoke":
            return revoke(Self.formFields(body: body, contentType: headers["content-type"] ?? ""))
        case "/.well-known/jwks":
            return .json(200, signer.jwks)
        case "/merchantos/.well-known/jwks":
            // The tutorial's other JWKS host, moved: a client must follow the redirect.
            return SimulatorResponse(status: 301, headers: [("Location", "\(baseURL)/.well-known/jwks"),
                                                            ("Content-Type", "text/html")], body: Data())
        default:
            break
        }
        guard path.hasPrefix("/API/") else {
            return .apiError(404, "Not Found", "No route for \(path).")
        }
        if faultsApply, !faults.isEmpty {
            let fault = faults.removeFirst()
            if let response = apply(fault, method: method, path: path, query: query, headers: headers) { return response }
        }
        guard method == "GET" else { return .apiError(405, "Method Not Allowed", "The simulator only reads.") }
        if let refused = authenticate(headers["authorization"]) { return refused }
        // The leaky bucket: the first overflowing request passes, later ones get 429 until it drains below the size.
        let now = options.now()
        if let updated = bucketUpdated {
            bucketLevel = max(0, bucketLevel - options.dripRate * now.timeIntervalSince(updated))
        }
        bucketUpdated = now
        if bucketLevel >= options.bucketSize {
            let retryAfter = Int(((bucketLevel - options.bucketSize) / options.dripRate).rounded(.down)) + 1
            var response = SimulatorResponse.apiError(429, "Too Many Requests", "Rate limit exceeded.", errorClass: "RateLimitException")
            response.headers += rateHeaders(cost: 0) + [("X-LS-API-RateLimit-Type", "api-leaky-bucket"), ("Retry-After", String(retryAfter))]
            return response
        }
        let cost = Self.cost(path: path, query: query)
        bucketLevel += cost
        var response = api(path: path, query: query)
        response.headers += rateHeaders(cost: cost)
        return response
    }

    private func rateHeaders(cost: Double) -> [(String, String)] {
        [("X-LS-Acct-Id", accountID), ("X-LS-OAuth-Client-Id", options.clientID),
         ("X-Ls-Api-Bucket-Level", "\(Self.number(bucketLevel))/\(Self.number(options.bucketSize))"),
         ("X-LS-API-Burst-Level", "1/20"), ("X-Ls-Api-Drip-Rate", Self.number(options.dripRate)),
         ("X-Ls-Api-Request-Cost", Self.number(cost))]
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.6g", value)
    }

    private func apply(_ fault: SimulatorFault, method: String, path: String, query: [(String, String)],
                       headers: [String: String]) -> SimulatorResponse? {
        switch fault {
        case .none:
            return nil
        case .status(let status):
            if status == 500 { return .apiError(500, "Internal Server Error", "Something went wrong.") }
            let html = "<html><head><title>\(status)</title></head><body><h1>\(status) Service Temporarily Unavailable</h1><hr><center>cloudflare</center></body></html>"
            return SimulatorResponse(status: status, headers: [("Content-Type", "text/html")], body: Data(html.utf8))
        case .slow(let seconds):
            var response = route(method: method, path: path, rawQuery: QueryEncoding.build(query), headers: headers, body: Data(),
                                 faultsApply: false)
            response.delay = seconds
            return response
        case .truncatedJSON:
            var response = route(method: method, path: path, rawQuery: QueryEncoding.build(query), headers: headers, body: Data(),
                                 faultsApply: false)
            response.body = response.body.prefix(response.body.count / 2)
            return response
        case .mislabelledJSON:
            var response = route(method: method, path: path, rawQuery: QueryEncoding.build(query), headers: headers, body: Data(),
                                 faultsApply: false)
            response.headers = response.headers.filter { $0.0 != "Content-Type" } + [("Content-Type", "text/html; charset=UTF-8")]
            return response
        case .htmlPage:
            return SimulatorResponse(status: 200, headers: [("Content-Type", "text/html")],
                                     body: Data("<!DOCTYPE html><html><body><p>Please sign in to the network.</p></body></html>".utf8))
        case .rateLimited(let retryAfter):
            var response = SimulatorResponse.apiError(429, "Too Many Requests", "Rate limit exceeded.", errorClass: "RateLimitException")
            response.headers += rateHeaders(cost: 0) + [("X-LS-API-RateLimit-Type", "api-leaky-bucket"), ("Retry-After", String(retryAfter))]
            return response
        case .revokedAccessToken:
            return .oauthError(401, "access_denied", "The resource owner or authorization server denied the request.",
                               hint: "Access token has been revoked")
        case .revokedAccessToken403:
            return .oauthError(403, "access_denied", "The resource owner or authorization server denied the request.",
                               hint: "Access token has been revoked")
        }
    }

    // MARK: OAuth (authorize, token, revoke: SimulatorOAuth.swift)

    /// Token request bodies: JSON, form-urlencoded or multipart, as the real endpoint accepts.
    static func formFields(body: Data, contentType: String) -> [String: String] {
        let text = String(decoding: body, as: UTF8.self)
        var fields: [String: String] = [:]
        if contentType.contains("json"), let json = try? LightspeedJSON.parse(body), let object = json.fields {
            for (key, value) in object { fields[key] = value.text }
        } else if contentType.contains("multipart"), let range = contentType.range(of: "boundary=") {
            let boundary = "--" + contentType[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            for part in text.components(separatedBy: boundary) {
                guard let nameRange = part.range(of: "name=\""),
                      let nameEnd = part[nameRange.upperBound...].firstIndex(of: "\""),
                      let split = part.range(of: "\r\n\r\n") else { continue }
                var value = String(part[split.upperBound...])
                if value.hasSuffix("\r\n") { value.removeLast() }  // CRLF is one Character
                fields[String(part[nameRange.upperBound..<nameEnd])] = value
            }
        } else {
            for (key, value) in QueryEncoding.parse(text) { fields[key] = value }
        }
        return fields
    }
}
