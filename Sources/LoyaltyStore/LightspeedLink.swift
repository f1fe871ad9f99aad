import Foundation
import LoyaltyCore

/// The store's connection to its Lightspeed account: which account, and the OAuth tokens.
/// Kept in the owner-only store file; never written to the audit log.
public struct LightspeedConnection: Sendable, Hashable {
    public var accountID: String
    public var accountName: String
    public var accessToken: String
    public var refreshToken: String
    public var accessExpiresAt: Date
    public var updatedAt: Date

    public init(accountID: String, accountName: String, accessToken: String, refreshToken: String,
                accessExpiresAt: Date, updatedAt: Date = Date()) {
        self.accountID = accountID
        self.accountName = accountName
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessExpiresAt = accessExpiresAt
        self.updatedAt = updatedAt
    }
}

extension LoyaltyStore {
    /// The connected account and its tokens, or nil when Lightspeed is not enabled.
    public func lightspeedConnection() throws -> LightspeedConnection? {
        try read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM lightspeed_link WHERE id = 1").map { row in
                LightspeedConnection(accountID: row["account_id"], accountName: row["account_name"],
                                     accessToken: row["access_token"], refreshToken: row["refresh_token"],
                                     accessExpiresAt: row["access_expires_at"], updatedAt: row["updated_at"])
            }
        }
    }

    /// Enables Lightspeed (admin): keeps the account and its first tokens, replacing any earlier link.
    public func connectLightspeed(_ connection: LightspeedConnection, by op: Operator) throws {
        try op.require(.linkLightspeed, "enable Lightspeed")
        guard !connection.accountID.isEmpty else { throw StoreError.invalid("The Lightspeed account ID is missing.") }
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT account_name || ' (' || account_id || ')' FROM lightspeed_link WHERE id = 1")
            try db.execute(sql: """
                INSERT INTO lightspeed_link (id, account_id, account_name, access_token, refresh_token,
                    access_expires_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, account_name = excluded.account_name,
                    access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                    access_expires_at = excluded.access_expires_at, updated_at = excluded.updated_at
                """, arguments: [connection.accountID, connection.accountName, connection.accessToken,
                                 connection.refreshToken, connection.accessExpiresAt, now()])
            try audit(db, op, .lightspeedConnect,
                      "Lightspeed \(old ?? "not connected") → \(connection.accountName) (\(connection.accountID))",
                      details: ["accountID": connection.accountID])
        }
    }

    /// Stores refreshed tokens in one statement. Lightspeed rotates refresh tokens: when
    /// `replacing` is given, the write happens only if the stored refresh token is still that one
    /// (another counter may have refreshed first); returns false then, and the caller re-reads.
    @discardableResult
    public func storeLightspeedTokens(accessToken: String, refreshToken: String, accessExpiresAt: Date,
                                      replacing expectedRefreshToken: String? = nil) throws -> Bool {
        try write { db in
            if let expectedRefreshToken {
                try db.execute(sql: """
                    UPDATE lightspeed_link SET access_token = ?, refresh_token = ?, access_expires_at = ?, updated_at = ?
                    WHERE id = 1 AND refresh_token = ?
                    """, arguments: [accessToken, refreshToken, accessExpiresAt, now(), expectedRefreshToken])
            } else {
                try db.execute(sql: """
                    UPDATE lightspeed_link SET access_token = ?, refresh_token = ?, access_expires_at = ?, updated_at = ?
                    WHERE id = 1
                    """, arguments: [accessToken, refreshToken, accessExpiresAt, now()])
            }
            return db.changesCount == 1
        }
    }

    /// Disables Lightspeed (admin): forgets the account and tokens. Customer links stay.
    public func disconnectLightspeed(by op: Operator) throws {
        try op.require(.linkLightspeed, "disable Lightspeed")
        try write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT account_name || ' (' || account_id || ')' FROM lightspeed_link WHERE id = 1")
            else { return }
            try db.execute(sql: "DELETE FROM lightspeed_link")
            try audit(db, op, .lightspeedDisconnect, "Lightspeed \(old) → not connected")
        }
    }

    /// Records a refused Lightspeed button request (forged, expired, replayed, wrong account).
    public func recordRefusedButtonRequest(reason: String, details: [String: String] = [:]) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (at, username, role, action, summary, details) VALUES (?, 'lightspeed-button', 'system', ?, ?, ?)
                """, arguments: [now(), AuditAction.buttonRefused.rawValue, "refused a Lightspeed button request: \(reason)",
                                 String(decoding: try JSONEncoder().encode(details), as: UTF8.self)])
        }
    }
}
