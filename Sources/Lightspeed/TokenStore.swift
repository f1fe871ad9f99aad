import Foundation

/// The OAuth pair and when the access token runs out. Refresh tokens rotate: the newest pair is the only
/// valid one, so it must be persisted whole and atomically.
public struct LightspeedTokens: Sendable, Equatable, Codable {
    public var accessToken: String
    public var refreshToken: String
    public var expiresAt: Date

    public init(accessToken: String, refreshToken: String, expiresAt: Date) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}

/// Where the client keeps its tokens. The app implements it over its database (one transaction per save);
/// losing a rotated refresh token means reconnecting, so `saveTokens` must not return before it is durable.
public protocol TokenStore: Sendable {
    func loadTokens() async throws -> LightspeedTokens?
    func saveTokens(_ tokens: LightspeedTokens) async throws
    func clearTokens() async throws
}

/// A token store in memory, for tests and training mode.
public actor InMemoryTokenStore: TokenStore {
    private var tokens: LightspeedTokens?
    /// Every pair saved, oldest first, so tests can check the rotation.
    public private(set) var history: [LightspeedTokens] = []

    public init(_ tokens: LightspeedTokens? = nil) {
        self.tokens = tokens
    }

    public func loadTokens() -> LightspeedTokens? { tokens }

    public func saveTokens(_ tokens: LightspeedTokens) {
        self.tokens = tokens
        history.append(tokens)
    }

    public func clearTokens() { tokens = nil }
}
