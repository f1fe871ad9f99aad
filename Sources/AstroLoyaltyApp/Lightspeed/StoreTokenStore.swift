import Foundation
import Lightspeed
import LoyaltyStore

/// The client's `TokenStore` over the store's `lightspeed_link` row, so a rotated refresh token is on
/// disk (one UPDATE, one transaction) before the client uses the new access token.
///
/// During `lightspeed connect` there is no row yet (the account is only known after the first API call):
/// the first pair is held here until `connectLightspeed` writes the row with the account.
public actor StoreTokenStore: TokenStore {
    private let store: LoyaltyStore
    /// Tokens received before the link row exists (the connect step).
    public private(set) var pending: LightspeedTokens?

    public init(store: LoyaltyStore) {
        self.store = store
    }

    public func loadTokens() throws -> LightspeedTokens? {
        if let pending { return pending }
        return try store.lightspeedConnection().map {
            LightspeedTokens(accessToken: $0.accessToken, refreshToken: $0.refreshToken, expiresAt: $0.accessExpiresAt)
        }
    }

    public func saveTokens(_ tokens: LightspeedTokens) throws {
        if pending == nil,
           try store.storeLightspeedTokens(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
                                           accessExpiresAt: tokens.expiresAt) {
            return
        }
        pending = tokens
    }

    /// Forgets only what is held in memory; `disconnectLightspeed` (admin, audited) removes the row.
    public func clearTokens() {
        pending = nil
    }
}
