import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
internal import FlyingFox
internal import FlyingSocks
import Lightspeed

/// A loopback HTTP server that speaks Lightspeed Retail's OAuth and V3 API from a data file, with a real
/// leaky bucket, token expiry, fault injection and signed custom-button URLs. Used by the tests, the
/// demo store and training mode, so nothing needs a Lightspeed account.
public actor LightspeedSimulator {
    private let state: SimulatorState
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    public private(set) var port: UInt16 = 0

    /// Data with an `anchorDate` is rebased to `options.now()` first (see `SimulatorData.rebased(to:)`).
    public init(data: SimulatorData, options: SimulatorOptions = SimulatorOptions()) throws {
        state = SimulatorState(data: data.rebased(to: options.now()), options: options, signer: try ButtonSigner(keyID: options.buttonKeyID, pem: options.buttonKeyPEM))
    }

    public init(dataFile: URL, options: SimulatorOptions = SimulatorOptions()) throws {
        try self.init(data: try SimulatorData(contentsOf: dataFile), options: options)
    }

    /// Starts listening on 127.0.0.1 (port 0 picks a free one) and returns the bound port.
    @discardableResult
    public func start(port requested: UInt16 = 0) async throws -> UInt16 {
        if server != nil { return port }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: requested)
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, logger: .disabled),
                                handler: SimulatorHandler(state: state))
        self.server = server
        serverTask = Task { try await server.run() }
        // Generous: a whole test suite on two cores can take seconds to schedule the accept loop. A failed
        // start leaves nothing behind, so `start` can be called again.
        do { try await server.waitUntilListening(timeout: 30) } catch {
            await stop()
            throw error
        }
        guard case .ip4(_, let bound)? = await server.listeningAddress else {
            await stop()
            throw SimulatorStartError.noAddress
        }
        port = bound
        await state.setBaseURL("http://127.0.0.1:\(bound)")
        return bound
    }

    /// Suspends until the server stops (for `astro-loyalty lightspeed-sim`, which runs until interrupted).
    public func waitUntilStopped() async {
        _ = await serverTask?.result
    }

    public func stop() async {
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
    }

    /// `http://127.0.0.1:PORT`: both the API and the auth base URL of a client pointed at the simulator.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    public var jwksURL: URL { baseURL.appendingPathComponent(".well-known/jwks") }
    public var accountID: String { state.accountID }
    /// The application's public client (PKCE, no secret): what a counter uses by default.
    public nonisolated var clientID: String { state.options.clientID }
    /// A store's own confidential registration and its secret (the documented exception).
    public nonisolated var storeClientID: String { state.options.storeClientID }
    public nonisolated var clientSecret: String { state.options.clientSecret }
    /// The HTTPS redirect address registered for the clients.
    public nonisolated var redirectURI: String { state.options.redirectURI }

    // MARK: Test and training controls

    /// The next API requests (one per fault, in order) misbehave.
    public func inject(_ faults: SimulatorFault...) async { await state.inject(faults) }
    public func inject(_ faults: [SimulatorFault]) async { await state.inject(faults) }
    public func clearFaults() async { await state.clearFaults() }
    /// These register edits happen right after the next `pages` `Sale.json` list pages have been answered
    /// (0: now): "a sale edited between pages" for a client paging through a customer's history.
    public func edit(afterSalePages pages: Int, _ edits: SimulatorEdit...) async {
        await state.schedule(afterSalePages: pages, edits)
    }
    /// Every access token issued so far is expired (the next API call gets a 401).
    public func expireAccessTokens() async { await state.expireAccessTokens() }
    /// Every refresh token is revoked (the next refresh gets `invalid_grant`).
    public func revokeRefreshTokens() async { await state.revokeRefreshTokens() }
    /// Every access token issued so far is revoked (the next API call gets 401 "Access token has been revoked").
    public func revokeAccessTokens() async { await state.revokeAccessTokens() }
    /// Whether this refresh token would still be accepted now.
    public func refreshTokenIsValid(_ token: String) async -> Bool { await state.refreshTokenIsValid(token) }
    /// Every PKCE `code_verifier` token requests carried (to prove none reached a log or an output).
    public func codeVerifiersReceived() async -> [String] { await state.codeVerifiersReceived() }
    /// Sets the leaky bucket's level now (e.g. to the size, to draw a 429).
    public func setBucketLevel(_ level: Double) async { await state.setBucketLevel(level) }
    public func requestLog() async -> [SimulatorRequestRecord] { await state.requestLog() }
    /// A valid token pair without going through the browser step.
    public func issueTokens() async -> LightspeedTokens { await state.issueTokens() }

    // MARK: The register

    /// Rings up a sale (at `time`, default now) and returns its saleID. It stays **open** — as at a real
    /// register, where the cashier presses the button during the sale — until `completeSale` (or `voidSale`);
    /// `completed: true` rings up and takes payment in one step.
    public func ringUpSale(customerID: String?, lines: [RingUpLine], employeeID: String = "1", registerID: String = "1",
                           shopID: String = "1", at time: Date? = nil, completed: Bool = false) async throws -> String {
        try await state.ringUp(customerID: customerID, lines: lines, employeeID: employeeID, registerID: registerID,
                               shopID: shopID, at: time, completed: completed)
    }

    /// Refunds some lines (default all) of a sale as a new sale with negative quantities; returns its saleID.
    public func refundSale(_ saleID: String, lineIDs: [String]? = nil, quantities: [String: Int] = [:],
                           at time: Date? = nil) async throws -> String {
        try await state.refund(saleID: saleID, lineIDs: lineIDs, quantities: quantities, at: time)
    }

    public func voidSale(_ saleID: String) async throws { try await state.void(saleID: saleID) }

    /// Completes an open sale now (or at `time`): payment taken, `completeTime` set.
    public func completeSale(_ saleID: String, at time: Date? = nil) async throws {
        try await state.complete(saleID: saleID, at: time)
    }

    /// The signed URL the register would open for the custom button on this sale (`type` "sale" or "refund").
    public func buttonURL(listener: URL, saleID: String, type: String = "sale", expiresIn: TimeInterval = 300) async throws -> URL {
        try await state.buttonURL(listener: listener, saleID: saleID, type: type, expiresIn: expiresIn)
    }

    /// The item with this ID, UPC, EAN or custom SKU, to ring it up by barcode.
    public func itemID(forCode code: String) async -> String? { await state.itemID(forCode: code) }

    /// Presses the button as the register's browser would: opens the signed URL on the listener and returns
    /// its answer (for training mode and end-to-end tests).
    public func pressButton(listener: URL, saleID: String, type: String = "sale") async throws -> HTTPAnswer {
        let url = try await buttonURL(listener: listener, saleID: saleID, type: type)
        return try await URLSessionTransport().send(URLRequest(url: url, timeoutInterval: 10))
    }

    /// The current Lightspeed-shaped sale, for inspection.
    public func saleJSON(_ saleID: String) async -> LightspeedJSON? {
        let json = await state.render(sale: saleID, relations: ["SaleLines", "SaleLines.Item", "Customer", "Customer.Contact"])
        return json == .null ? nil : json
    }
}

public enum SimulatorStartError: Error, CustomStringConvertible {
    case noAddress

    public var description: String { "The Lightspeed simulator could not find the port it listens on." }
}

/// Bridges FlyingFox requests to the state actor; delays (the slow fault) happen here, off the actor.
struct SimulatorHandler: HTTPHandler {
    let state: SimulatorState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let body = try await request.bodyData
        if request.path.hasPrefix("/simulator/") {
            let response = request.method.rawValue == "POST"
                ? await control(path: request.path, body: body)
                : SimulatorResponse.json(405, .object(["error": .string("Simulator controls take POST with a JSON body.")]))
            return Self.httpResponse(response)
        }
        let response = await state.handle(method: request.method.rawValue, path: request.path,
                                          rawQuery: request.target.query(percentEncoded: true),
                                          headers: headers, body: body)
        if response.delay > 0 {
            try? await Task.sleep(nanoseconds: UInt64(response.delay * 1_000_000_000))
        }
        return Self.httpResponse(response)
    }

    static func httpResponse(_ response: SimulatorResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.addValue(value, for: HTTPHeader(name)) }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: phrase(response.status)),
                            headers: headers, body: response.body)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
