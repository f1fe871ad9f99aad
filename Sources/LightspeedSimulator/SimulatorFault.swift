import Foundation
import Lightspeed

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
    /// 401 "Access token has been revoked", as Lightspeed's refresh-token page documents.
    case revokedAccessToken
    /// The same as a 403, as one third-party connector reported it (clients accept both).
    case revokedAccessToken403
}

/// What the simulator saw, for assertions ("no 429 during the import").
public struct SimulatorRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String
    public var status: Int
    /// When it was answered, on the simulator's clock (a rate share is checked over time).
    public var at: Date = .distantPast
}

/// Tuning for a simulator instance; defaults are Lightspeed's.
public struct SimulatorOptions: Sendable {
    /// The application's public client (Astro Loyalty's one registration): PKCE required, no secret.
    public var clientID: String
    /// A store's own confidential registration (the documented exception): its secret is required.
    public var storeClientID: String
    public var clientSecret: String
    /// The HTTPS address registered for both clients: the code goes there (an authorize or token request
    /// may name it, and must name exactly it).
    public var redirectURI: String
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

    public init(clientID: String = LightspeedConfiguration.applicationClientID, storeClientID: String = "sim-store-app",
                clientSecret: String = "sim-secret", redirectURI: String = "https://localhost/lightspeed/callback",
                accessTokenLifetime: TimeInterval = 3600, authorizationCodeLifetime: TimeInterval = 60,
                bucketSize: Double = 90, dripRate: Double = 1, buttonKeyID: String = "SIM_BUTTON_2026_01",
                buttonKeyPEM: String? = nil, legacyTokenResponses: Bool = false, now: @escaping @Sendable () -> Date = { Date() }) {
        self.clientID = clientID
        self.storeClientID = storeClientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
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
