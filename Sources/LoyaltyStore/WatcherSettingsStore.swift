import Foundation
import LoyaltyCore

/// The watcher's settings an admin set for this store (on/off, the share of the rate bucket, which shops),
/// kept in the store so every counter on it watches the same way. A value never set is nil: the counter's
/// config (`watcher.*`) then decides.
public struct StoredWatcherSettings: Sendable, Hashable, Codable {
    public var enabled: Bool?
    /// A share of Lightspeed's bucket, 0.05–1.
    public var rateShare: Double?
    /// Lightspeed shop IDs; empty means every shop.
    public var shops: [String]?

    public init(enabled: Bool? = nil, rateShare: Double? = nil, shops: [String]? = nil) {
        self.enabled = enabled
        self.rateShare = rateShare
        self.shops = shops
    }

    /// The bounds the screen and the store both keep.
    public static let rateShareRange: ClosedRange<Double> = 0.05...1
}

extension LoyaltyStore {
    static let watcherKeys = (enabled: "watcher_enabled", rateShare: "watcher_rate_share", shops: "watcher_shops")

    /// What an admin set for the watcher on this store (nil for what was never set).
    public func storedWatcherSettings() throws -> StoredWatcherSettings {
        try read { db in
            var values: [String: String] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
                                        arguments: [Self.watcherKeys.enabled, Self.watcherKeys.rateShare,
                                                    Self.watcherKeys.shops]) {
                values[row["key"]] = row["value"]
            }
            return StoredWatcherSettings(
                enabled: values[Self.watcherKeys.enabled].map { $0 == "1" },
                rateShare: values[Self.watcherKeys.rateShare].flatMap(Double.init),
                shops: values[Self.watcherKeys.shops].map { $0.split(separator: ",").map(String.init) })
        }
    }

    /// Sets the watcher's settings for every counter on this store (admin): one transaction, audited with each
    /// changed value, before → after. The share stays within 5 %–100 % of the bucket.
    public func setWatcherSettings(enabled: Bool, rateShare: Double, shops: [String], by op: Operator) throws {
        try op.require(.editSettings, "change the Lightspeed watcher's settings")
        guard StoredWatcherSettings.rateShareRange.contains(rateShare) else {
            throw StoreError.invalid("The watcher's share of the rate budget must be between 5 % and 100 %.")
        }
        guard shops.allSatisfy({ !$0.isEmpty && !$0.contains(",") }) else {
            throw StoreError.invalid("A shop ID cannot be empty or contain a comma.")
        }
        let after = [Self.watcherKeys.enabled: enabled ? "1" : "0",
                     Self.watcherKeys.rateShare: String(format: "%.2f", rateShare),
                     Self.watcherKeys.shops: shops.sorted().joined(separator: ",")]
        try write { db in
            var before: [String: String] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
                                        arguments: [Self.watcherKeys.enabled, Self.watcherKeys.rateShare,
                                                    Self.watcherKeys.shops]) {
                before[row["key"]] = row["value"]
            }
            var changes: [String] = []
            for (key, value) in after.sorted(by: { $0.key < $1.key }) where before[key] != value {
                try db.execute(sql: """
                    INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key, value])
                changes.append("\(key) \(before[key] ?? "(config)") → \(value.isEmpty ? "(every shop)" : value)")
            }
            guard !changes.isEmpty else { return }
            try audit(db, op, .settingsChange, "Lightspeed watcher: " + changes.joined(separator: "; "), details: after)
        }
    }
}
