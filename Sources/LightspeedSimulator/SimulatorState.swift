import Foundation
import Lightspeed

/// An HTTP answer the server writes out (after `delay` real seconds, for the slow fault).
struct SimulatorResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data
    var delay: Double = 0

    static func json(_ status: Int, _ json: LightspeedJSON, headers: [(String, String)] = []) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: json.encoded())
    }

    static func apiError(_ status: Int, _ phrase: String, _ message: String, errorClass: String = "Exception") -> SimulatorResponse {
        // Lightspeed has sent these JSON bodies labelled text/html; so does the simulator, to keep clients honest.
        SimulatorResponse(status: status, headers: [("Content-Type", "text/html; charset=UTF-8")],
                          body: LightspeedJSON.object(["httpCode": .string(String(status)), "httpMessage": .string(phrase),
                                                       "message": .string(message), "errorClass": .string(errorClass)]).encoded())
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
    private var codes: [String: Date] = [:]
    private var accessTokens: [String: Date] = [:]
    private var refreshTokens: Set<String> = []
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
    func expireAccessTokens() { for key in accessTokens.keys { accessTokens[key] = .distantPast } }
    func revokeRefreshTokens() { refreshTokens.removeAll() }
    func setBucketLevel(_ level: Double) {
        bucketLevel = level
        bucketUpdated = options.now()
    }
    func requestLog() -> [SimulatorRequestRecord] { log }

    /// A token pair as if an admin had connected already (for training mode and tests that skip OAuth).
    func issueTokens() -> LightspeedTokens {
        let access = "sim-at-" + Self.randomToken()
        let refresh = "sim-rt-" + Self.randomToken()
        let expires = options.now().addingTimeInterval(options.accessTokenLifetime)
        accessTokens[access] = expires
        refreshTokens.insert(refresh)
        return LightspeedTokens(accessToken: access, refreshToken: refresh, expiresAt: expires)
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    // MARK: Routing

    func handle(method: String, path: String, rawQuery: String, headers: [String: String], body: Data) -> SimulatorResponse {
        let response = route(method: method, path: path, rawQuery: rawQuery, headers: headers, body: body)
        log.append(SimulatorRequestRecord(method: method, path: path, query: rawQuery, status: response.status))
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
            let fields = Self.formFields(body: body, contentType: headers["content-type"] ?? "")
            guard fields["client_id"] == options.clientID, fields["client_secret"] == options.clientSecret else {
                return .oauthError(401, "invalid_client", "Client authentication failed", hint: "")
            }
            if let refresh = fields["refresh_token"] { refreshTokens.remove(refresh) }
            return SimulatorResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data("{}".utf8))
        case "/.well-known/jwks":
            return .json(200, signer.jwks)
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
        guard let auth = headers["authorization"], auth.hasPrefix("Bearer "),
              let expires = accessTokens[String(auth.dropFirst("Bearer ".count))] else {
            return .oauthError(401, "access_denied", "The resource owner or authorization server denied the request.",
                               hint: "Access token could not be verified")
        }
        guard options.now() < expires else {
            return .oauthError(401, "access_denied", "The resource owner or authorization server denied the request.",
                               hint: "Access token could not be verified")
        }
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
        bucketLevel += 1
        var response = api(path: path, query: query)
        response.headers += rateHeaders(cost: 1)
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
            return .oauthError(403, "access_denied", "The resource owner or authorization server denied the request.",
                               hint: "Access token has been revoked")
        }
    }

    // MARK: OAuth

    private func authorize(_ query: [(String, String)]) -> SimulatorResponse {
        func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        guard value("response_type") == "code" else {
            return .oauthError(400, "unsupported_response_type", "The authorization server does not support this response type.", hint: "")
        }
        guard value("client_id") == options.clientID else {
            return .oauthError(400, "invalid_client", "Client authentication failed", hint: "")
        }
        guard let redirect = value("redirect_uri"), !redirect.isEmpty else {
            return .oauthError(400, "invalid_request", "The request is missing a required parameter.", hint: "Check the `redirect_uri` parameter")
        }
        let code = "sim-code-" + Self.randomToken()
        codes[code] = options.now()
        var location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + QueryEncoding.encode(code)
        if let state = value("state") { location += "&state=" + QueryEncoding.encode(state) }
        return SimulatorResponse(status: 302, headers: [("Location", location), ("Content-Type", "text/html")],
                                 body: Data("<a href=\"\(location)\">Approved</a>".utf8))
    }

    private func token(_ fields: [String: String]) -> SimulatorResponse {
        guard fields["client_id"] == options.clientID, fields["client_secret"] == options.clientSecret else {
            return .oauthError(401, "invalid_client", "Client authentication failed", hint: "")
        }
        switch fields["grant_type"] {
        case "authorization_code":
            guard let code = fields["code"], let issued = codes.removeValue(forKey: code) else {
                return .oauthError(400, "invalid_grant", "The provided authorization grant is invalid, expired or revoked.",
                                   hint: "Authorization code has been revoked")
            }
            guard options.now().timeIntervalSince(issued) <= options.authorizationCodeLifetime else {
                return .oauthError(400, "invalid_grant", "The provided authorization grant is invalid, expired or revoked.",
                                   hint: "Authorization code has expired")
            }
        case "refresh_token":
            guard let refresh = fields["refresh_token"], !refresh.isEmpty else {
                return .oauthError(400, "invalid_request", "The request is missing a required parameter.",
                                   hint: "Check the `refresh_token` parameter")
            }
            guard refreshTokens.contains(refresh) else {
                return .oauthError(400, "invalid_grant", "The refresh token is invalid.", hint: "Token has been revoked")
            }
            if options.legacyTokenResponses {
                let tokens = issueTokens()
                refreshTokens.remove(tokens.refreshToken)
                return .json(200, .object(["access_token": .string(tokens.accessToken), "token_type": .string("bearer"),
                                           "expires_in": .string(SimulatorState.number(options.accessTokenLifetime)),
                                           "scope": .string("employee:all systemuserid:152663")]))
            }
            refreshTokens.remove(refresh)
        default:
            return .oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.",
                               hint: "Check that all required parameters have been provided")
        }
        let tokens = issueTokens()
        if options.legacyTokenResponses {
            return .json(200, .object(["access_token": .string(tokens.accessToken), "token_type": .string("bearer"),
                                       "expires_in": .string(SimulatorState.number(options.accessTokenLifetime)),
                                       "scope": .string("employee:all systemuserid:152663"),
                                       "refresh_token": .string(tokens.refreshToken)]))
        }
        return .json(200, .object(["token_type": .string("Bearer"), "expires_in": .number(options.accessTokenLifetime),
                                   "access_token": .string(tokens.accessToken), "refresh_token": .string(tokens.refreshToken)]))
    }

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
