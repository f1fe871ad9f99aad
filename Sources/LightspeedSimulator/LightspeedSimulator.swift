import Foundation
import FlyingFox
import FlyingSocks
import Lightspeed

/// A loopback HTTP server that speaks Lightspeed Retail's OAuth and V3 API from a data file, with a real
/// leaky bucket, token expiry, fault injection and signed custom-button URLs. Used by the tests, the
/// demo store and training mode, so nothing needs a Lightspeed account.
public actor LightspeedSimulator {
    private let state: SimulatorState
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    public private(set) var port: UInt16 = 0

    public init(data: SimulatorData, options: SimulatorOptions = SimulatorOptions()) throws {
        state = SimulatorState(data: data, options: options, signer: try ButtonSigner(keyID: options.buttonKeyID))
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
        try await server.waitUntilListening()
        guard case .ip4(_, let bound)? = await server.listeningAddress else {
            await stop()
            throw SimulatorStartError.noAddress
        }
        port = bound
        await state.setBaseURL("http://127.0.0.1:\(bound)")
        return bound
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
    public nonisolated var clientID: String { state.options.clientID }
    public nonisolated var clientSecret: String { state.options.clientSecret }

    // MARK: Test and training controls

    /// The next API requests (one per fault, in order) misbehave.
    public func inject(_ faults: SimulatorFault...) async { await state.inject(faults) }
    public func inject(_ faults: [SimulatorFault]) async { await state.inject(faults) }
    public func clearFaults() async { await state.clearFaults() }
    /// Every access token issued so far is expired (the next API call gets a 401).
    public func expireAccessTokens() async { await state.expireAccessTokens() }
    /// Every refresh token is revoked (the next refresh gets `invalid_grant`).
    public func revokeRefreshTokens() async { await state.revokeRefreshTokens() }
    /// Sets the leaky bucket's level now (e.g. to the size, to draw a 429).
    public func setBucketLevel(_ level: Double) async { await state.setBucketLevel(level) }
    public func requestLog() async -> [SimulatorRequestRecord] { await state.requestLog() }
    /// A valid token pair without going through the browser step.
    public func issueTokens() async -> LightspeedTokens { await state.issueTokens() }
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
        let response = await state.handle(method: request.method.rawValue, path: request.path,
                                          rawQuery: request.target.query(percentEncoded: true),
                                          headers: headers, body: body)
        if response.delay > 0 {
            try? await Task.sleep(nanoseconds: UInt64(response.delay * 1_000_000_000))
        }
        var outHeaders = HTTPHeaders()
        for (name, value) in response.headers { outHeaders.addValue(value, for: HTTPHeader(name)) }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.phrase(response.status)),
                            headers: outHeaders, body: response.body)
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
