import Foundation

/// Where Lightspeed lives and who this program is to it. The URLs are overridable so the same client can
/// talk to the simulator.
public struct LightspeedConfiguration: Sendable {
    /// `https://api.lightspeedapp.com` (the `/API/V3/...` paths are added).
    public var apiBaseURL: URL
    /// `https://cloud.lightspeedapp.com` (the `/auth/oauth/...` paths are added).
    public var authBaseURL: URL
    /// The application's client ID (`applicationClientID`) unless a store has its own registration.
    public var clientID: String
    /// nil (the default): a public client, PKCE only, nothing secret on the counter. Set only for a store's
    /// own confidential registration, and then only from the environment.
    public var clientSecret: String?
    /// nil (the default): no `redirect_uri` is sent and Lightspeed sends the browser to the HTTPS address
    /// registered with the client. When set it must equal that address (and be HTTPS).
    public var redirectURI: String?
    public var scopes: [String]
    /// When known (from a previous `account()` call), saves one request; otherwise fetched once.
    public var accountID: String?
    /// Per-request timeout.
    public var requestTimeout: TimeInterval
    /// Retries after a 5xx or a timeout, with exponential backoff.
    public var maxRetries: Int
    /// How many 429s in a row are waited out before giving up.
    public var maxRateLimitWaits: Int
    /// Page size for list queries (the API's maximum is 100).
    public var pageSize: Int

    /// Astro Loyalty's own client ID at Lightspeed: one registration for the application, "publicly
    /// distributed" (PKCE, no secret), used by every store unless the config names another.
    public static let applicationClientID = "astro-loyalty-counter"

    /// A public client sends no secret (PKCE proves the connect attempt instead).
    public var isPublicClient: Bool { (clientSecret ?? "").isEmpty }

    public static let defaultScopes = ["employee:register_read", "employee:customers_read", "employee:inventory_read"]

    public init(apiBaseURL: URL = URL(string: "https://api.lightspeedapp.com")!,
                authBaseURL: URL = URL(string: "https://cloud.lightspeedapp.com")!,
                clientID: String = LightspeedConfiguration.applicationClientID, clientSecret: String? = nil,
                redirectURI: String? = nil,
                scopes: [String] = LightspeedConfiguration.defaultScopes, accountID: String? = nil,
                requestTimeout: TimeInterval = 20, maxRetries: Int = 3, maxRateLimitWaits: Int = 5,
                pageSize: Int = 100) {
        self.apiBaseURL = apiBaseURL
        self.authBaseURL = authBaseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI.flatMap { $0.isEmpty ? nil : $0 }
        self.scopes = scopes
        self.accountID = accountID
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.maxRateLimitWaits = maxRateLimitWaits
        self.pageSize = min(max(pageSize, 1), 100)
    }

    /// Why `redirect` cannot be a redirect address (nil when it can): Lightspeed takes HTTPS addresses only
    /// (enforced since 2024-01-01), so a code can never come back to a plain `http://` listener.
    public static func redirectProblem(_ redirect: String) -> String? {
        guard let url = URL(string: redirect), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else {
            return "\"\(redirect)\" is not an address."
        }
        guard scheme == "https" else {
            return "\"\(redirect)\" is not HTTPS: Lightspeed accepts only an https:// redirect address registered with the app."
        }
        return nil
    }

    /// The same configuration pointed at a simulator (API and auth on one base URL).
    public func pointed(at baseURL: URL) -> LightspeedConfiguration {
        var copy = self
        copy.apiBaseURL = baseURL
        copy.authBaseURL = baseURL
        return copy
    }
}

/// Time and waiting, injected so tests run a long import (or a `Retry-After: 30`) without really waiting.
public struct LightspeedEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (_ seconds: Double) async throws -> Void

    public init(now: @escaping @Sendable () -> Date,
                sleep: @escaping @Sendable (_ seconds: Double) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let live = LightspeedEnvironment(now: { Date() }, sleep: { seconds in
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    })
}
