import Foundation

/// Where Lightspeed lives and who this program is to it. The URLs are overridable so the same client can
/// talk to the simulator.
public struct LightspeedConfiguration: Sendable {
    /// `https://api.lightspeedapp.com` (the `/API/V3/...` paths are added).
    public var apiBaseURL: URL
    /// `https://cloud.lightspeedapp.com` (the `/auth/oauth/...` paths are added).
    public var authBaseURL: URL
    public var clientID: String
    public var clientSecret: String
    public var redirectURI: String
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

    public static let defaultScopes = ["employee:register_read", "employee:customers_read", "employee:inventory_read"]

    public init(apiBaseURL: URL = URL(string: "https://api.lightspeedapp.com")!,
                authBaseURL: URL = URL(string: "https://cloud.lightspeedapp.com")!,
                clientID: String, clientSecret: String, redirectURI: String,
                scopes: [String] = LightspeedConfiguration.defaultScopes, accountID: String? = nil,
                requestTimeout: TimeInterval = 20, maxRetries: Int = 3, maxRateLimitWaits: Int = 5,
                pageSize: Int = 100) {
        self.apiBaseURL = apiBaseURL
        self.authBaseURL = authBaseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.accountID = accountID
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.maxRateLimitWaits = maxRateLimitWaits
        self.pageSize = min(max(pageSize, 1), 100)
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
