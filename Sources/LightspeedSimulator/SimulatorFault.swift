import Foundation

/// A misbehaviour the next API requests suffer, for tests of the client's recovery.
public enum SimulatorFault: Sendable, Equatable {
    /// Answers normally: queue some first to aim a later fault at a later request (e.g. page 3).
    case none
    /// This HTTP status; 502/503 come with an HTML page (a proxy's), 500 with the API's JSON error.
    case status(Int)
    /// Answers normally after a real delay (use with a short client timeout).
    case slow(seconds: Double)
    /// A 200 whose JSON body is cut in half.
    case truncatedJSON
    /// A 200 with an HTML page instead of JSON (a captive portal or proxy).
    case htmlPage
    /// A 429 with this `Retry-After`, whatever the bucket says.
    case rateLimited(retryAfter: Int)
    /// A normal answer labelled `text/html` (Lightspeed has done this; clients must not trust Content-Type).
    case mislabelledJSON
    /// 403 "Access token has been revoked" (seen after rotation by one connector).
    case revokedAccessToken
}

/// What the simulator saw, for assertions ("no 429 during the import").
public struct SimulatorRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String
    public var status: Int
}

/// Tuning for a simulator instance; defaults are Lightspeed's.
public struct SimulatorOptions: Sendable {
    public var clientID: String
    public var clientSecret: String
    public var accessTokenLifetime: TimeInterval
    public var authorizationCodeLifetime: TimeInterval
    public var bucketSize: Double
    public var dripRate: Double
    public var buttonKeyID: String
    /// A PEM RSA private key for button signatures; nil generates a fresh 2048-bit key.
    public var buttonKeyPEM: String?
    /// Answer token requests the legacy way: `expires_in` as a string, lower-case `bearer`, a `scope`, and
    /// on refresh no new refresh token (the old one stays valid).
    public var legacyTokenResponses: Bool
    public var now: @Sendable () -> Date

    public init(clientID: String = "sim-client", clientSecret: String = "sim-secret",
                accessTokenLifetime: TimeInterval = 3600, authorizationCodeLifetime: TimeInterval = 60,
                bucketSize: Double = 90, dripRate: Double = 1, buttonKeyID: String = "SIM_BUTTON_2026_01",
                buttonKeyPEM: String? = nil, legacyTokenResponses: Bool = false, now: @escaping @Sendable () -> Date = { Date() }) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessTokenLifetime = accessTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
        self.bucketSize = bucketSize
        self.dripRate = dripRate
        self.buttonKeyID = buttonKeyID
        self.buttonKeyPEM = buttonKeyPEM
        self.legacyTokenResponses = legacyTokenResponses
        self.now = now
    }
}
