import Foundation
internal import FlyingFox
internal import FlyingSocks
import Lightspeed
import Logging
import LoyaltyStore

/// The loopback HTTP endpoint Lightspeed's custom button opens (`http://127.0.0.1:PORT/lightspeed/button`).
/// A request is accepted only when `ButtonVerifier` says yes (RS256 over the sorted query with a JWKS key,
/// unexpired, the connected account, never seen before); the event then goes to `onEvent` and the
/// register's browser gets a short page back to Lightspeed. Anything else gets a 4xx and an audit entry.
public actor ButtonListener {
    public static let path = "/lightspeed/button"

    private let requestedPort: UInt16
    private let verifier: ButtonVerifier
    private let store: LoyaltyStore
    private let onEvent: @Sendable (ButtonEvent) -> Void
    private let logger: Logger
    private var server: HTTPServer?
    private var serverTask: Task<Void, Never>?
    public private(set) var port: UInt16 = 0

    public init(port: UInt16, verifier: ButtonVerifier, store: LoyaltyStore,
                logger: Logger = Logger(label: "astro.lightspeed.listener"),
                onEvent: @escaping @Sendable (ButtonEvent) -> Void) {
        self.requestedPort = port
        self.verifier = verifier
        self.store = store
        self.logger = logger
        self.onEvent = onEvent
    }

    /// The URL to paste into Lightspeed's Settings → Custom Menus (the same for the Sale and Refund tabs).
    public static func buttonURL(port: Int) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    public var buttonURL: URL { Self.buttonURL(port: Int(port)) }

    /// Binds 127.0.0.1 only (never another interface) and returns the port; throws when it is taken.
    @discardableResult
    public func start() async throws -> UInt16 {
        if server != nil { return port }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: requestedPort)
        let handler = ButtonRequestHandler(verifier: verifier, store: store, port: requestedPort, logger: logger,
                                           onEvent: onEvent)
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, logger: .disabled), handler: handler)
        // `run` throws at once when the port is taken; poll for either outcome instead of a long wait.
        let failure = Locked<String?>(nil)
        let task = Task {
            do { try await server.run() } catch { failure.value = String(describing: error) }
        }
        let deadline = Date().addingTimeInterval(10)
        while !(await server.isListening) {
            if let detail = failure.value { throw ButtonListenerError.cannotListen(port: requestedPort, detail: detail) }
            guard Date() < deadline else {
                task.cancel()
                throw ButtonListenerError.cannotListen(port: requestedPort, detail: "not listening after 10 s")
            }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        guard case .ip4(_, let bound)? = await server.listeningAddress else {
            await server.stop(timeout: 0)
            throw ButtonListenerError.cannotListen(port: requestedPort, detail: "no address")
        }
        self.server = server
        self.serverTask = task
        port = bound
        if requestedPort == 0 { await handler.setPort(bound) }
        logger.info("Lightspeed button listener on 127.0.0.1:\(bound)")
        return bound
    }

    public func stop() async {
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
    }
}

public enum ButtonListenerError: Error, Equatable, CustomStringConvertible {
    case cannotListen(port: UInt16, detail: String)

    public var description: String {
        switch self {
        case .cannotListen(let port, _):
            return "Lightspeed button off: port \(port) is in use (another copy of the program running?)."
        }
    }
}

/// One request: verify, audit a refusal, answer a page, hand the event on.
actor ButtonRequestHandler: HTTPHandler {
    let verifier: ButtonVerifier
    let store: LoyaltyStore
    var port: UInt16
    let logger: Logger
    let onEvent: @Sendable (ButtonEvent) -> Void

    init(verifier: ButtonVerifier, store: LoyaltyStore, port: UInt16, logger: Logger,
         onEvent: @escaping @Sendable (ButtonEvent) -> Void) {
        self.verifier = verifier
        self.store = store
        self.port = port
        self.logger = logger
        self.onEvent = onEvent
    }

    func setPort(_ port: UInt16) { self.port = port }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.path == ButtonListener.path else {
            return Self.page(404, title: "Not found", body: "This address only answers the Lightspeed button.")
        }
        guard request.method == .GET else {
            return refuse(405, reason: "method \(request.method.rawValue)", details: [:])
        }
        let rawQuery = request.target.query(percentEncoded: true)
        switch await verifier.verify(buttonURL: ButtonListener.buttonURL(port: Int(port)), rawQuery: rawQuery) {
        case .success(let event):
            onEvent(event)
            var body = "Astro Loyalty received \(event.kind == .refund ? "refund" : "sale") \(Self.escape(event.saleID)). "
                + "The counter screen shows the customer."
            if let back = event.returnURL, ["http", "https"].contains(back.scheme?.lowercased() ?? "") {
                body += " <a href=\"\(Self.escape(back.absoluteString))\">Back to Lightspeed</a>"
            }
            return Self.page(200, title: "Astro Loyalty", body: body)
        case .failure(let refusal):
            let items = QueryEncoding.parse(rawQuery)
            var details: [String: String] = ["status": String(refusal.httpStatus)]
            for name in ["type", "saleID", "accountID", "customerID", "employeeID", "registerID", "kid"] {
                if let value = items.last(where: { $0.0 == name })?.1 { details[name] = String(value.prefix(80)) }
            }
            return refuse(refusal.httpStatus, reason: refusal.description, details: details)
        }
    }

    private func refuse(_ status: Int, reason: String, details: [String: String]) -> HTTPResponse {
        logger.warning("Lightspeed button request refused (\(status)): \(reason)")
        do { try store.recordRefusedButtonRequest(reason: reason, details: details) } catch {
            logger.error("could not audit a refused button request: \(error)")
        }
        return Self.page(status, title: "Refused", body: Self.escape(reason))
    }

    static func page(_ status: Int, title: String, body: String) -> HTTPResponse {
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>\(title)</title></head>
            <body style="font-family:sans-serif"><h1>\(title)</h1><p>\(body)</p></body></html>
            """
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)),
                            headers: [.contentType: "text/html; charset=utf-8", HTTPHeader("Cache-Control"): "no-store"],
                            body: Data(html.utf8))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
