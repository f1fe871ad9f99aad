import Foundation
import LoyaltyFeatures

extension AppConfig {
    /// `watcher` in config.json: the Lightspeed sales watcher (every key optional).
    public struct WatcherSection: Codable, Sendable, Equatable {
        public var enabled: Bool = true
        /// Share of Lightspeed's rate bucket the watcher may use (default: at most half).
        public var rateShare: Double = 0.5
        /// Lightspeed shop IDs to watch; empty or missing: every shop.
        public var shops: [String] = []
        public var pollSeconds: Double = 20
        public var overlapSeconds: Double = 600
        public var leaseSeconds: Double = 60
        public var firstRunHours: Double = 24

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
            rateShare = try c.decodeIfPresent(Double.self, forKey: .rateShare) ?? rateShare
            shops = try c.decodeIfPresent([String].self, forKey: .shops) ?? shops
            pollSeconds = try c.decodeIfPresent(Double.self, forKey: .pollSeconds) ?? pollSeconds
            overlapSeconds = try c.decodeIfPresent(Double.self, forKey: .overlapSeconds) ?? overlapSeconds
            leaseSeconds = try c.decodeIfPresent(Double.self, forKey: .leaseSeconds) ?? leaseSeconds
            firstRunHours = try c.decodeIfPresent(Double.self, forKey: .firstRunHours) ?? firstRunHours
        }

        public var settings: WatcherSettings {
            WatcherSettings(enabled: enabled, rateShare: rateShare, shops: shops, pollSeconds: pollSeconds,
                            overlapSeconds: overlapSeconds, leaseSeconds: leaseSeconds, firstRunHours: firstRunHours)
        }
    }
}
