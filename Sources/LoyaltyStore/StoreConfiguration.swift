import Foundation
import LoyaltyCore

/// What checkout reads of the store's configuration every time it opens or reloads — the settings, the locations
/// (today's date is the counter location's) and the points rewards — served from `ConfigurationCache` while the
/// configuration's stamp (migration v13) is unchanged.
struct StoreConfiguration: Sendable {
    var settings: StoreSettings
    var locations: [Location]
    var pointsRewards: [StoredPointsReward]

    /// Where `op` works: its counter's location, or the default one (Core's rule: the oldest active).
    func location(_ op: Operator) throws -> Location {
        guard let id = op.locationID else {
            guard let found = LocationRules.resolve(nil, in: locations) else { throw StoreError.notFound("An active location") }
            return found
        }
        guard let found = locations.first(where: { $0.id == id }) else { throw StoreError.notFound("Location \(id)") }
        return found
    }
}

extension Schema {
    /// Migration v13: a stamp that changes with every write to `settings`, `locations` or `points_rewards`, whoever
    /// writes — as v7's does for the program catalogue. On PostgreSQL each of those reads was a round trip of its own
    /// on every checkout opened and every scan's reload, for rows that change a few times a year
    /// (docs/PERFORMANCE.md); with the stamp, the checkout's first statement reads it beside the customer.
    static func createConfigurationStamp(_ db: any SQLConnection) throws {
        try createStamp(db, "configuration_stamp", changedBy: StoreConfiguration.tables)
    }
}

extension StoreConfiguration {
    /// The tables whose writes change the configuration's stamp.
    static let tables = ["settings", "locations", "points_rewards"]
}

/// The decoded configuration and the stamp it was read under, shared by every thread of one store.
final class ConfigurationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp: Int64?
    private var configuration: StoreConfiguration?

    func configuration(stamp: Int64) -> StoreConfiguration? {
        lock.withLock { self.stamp == stamp ? configuration : nil }
    }

    func store(_ configuration: StoreConfiguration, stamp: Int64) {
        lock.withLock {
            self.stamp = stamp
            self.configuration = configuration
        }
    }
}

extension LoyaltyStore {
    /// The configuration as of `stamp` (read inside the caller's transaction, beside the stamp): the cached one when
    /// the stamp is unchanged, else read (three statements) and kept.
    func configuration(_ db: any SQLConnection, stamp: Int64) throws -> StoreConfiguration {
        if let cached = configurationCache.configuration(stamp: stamp) { return cached }
        let configuration = StoreConfiguration(settings: try Self.loadSettings(db), locations: try Self.allLocations(db),
                                               pointsRewards: try Self.pointsRewards(db))
        configurationCache.store(configuration, stamp: stamp)
        return configuration
    }
}
