import Foundation
import LoyaltyStore

/// How the sales watcher runs (config section `watcher`).
public struct WatcherSettings: Sendable, Hashable, Codable {
    /// Whether the counter screen (and `astro-loyalty watch`) watches at all.
    public var enabled: Bool
    /// The share of Lightspeed's rate bucket the watcher may use (0.05–1); the rest stays for the button,
    /// Import History and other programs on the account.
    public var rateShare: Double
    /// Lightspeed shop IDs to watch; empty = every shop of the account.
    public var shops: [String]
    /// Seconds between two looks at Lightspeed once up to date.
    public var pollSeconds: Double
    /// How far before the checkpoint each look starts again, for sales that reach Lightspeed late (an
    /// offline register syncing, a completion time edited back). Sales already seen are skipped locally.
    public var overlapSeconds: Double
    /// How long a watcher's lease lasts without renewal before another counter takes over.
    public var leaseSeconds: Double
    /// Where a store that never watched starts: this many hours back (older sales are the sweep's job).
    public var firstRunHours: Double

    public init(enabled: Bool = true, rateShare: Double = 0.5, shops: [String] = [], pollSeconds: Double = 20,
                overlapSeconds: Double = 600, leaseSeconds: Double = 60, firstRunHours: Double = 24) {
        self.enabled = enabled
        self.rateShare = rateShare
        self.shops = shops
        self.pollSeconds = pollSeconds
        self.overlapSeconds = overlapSeconds
        self.leaseSeconds = leaseSeconds
        self.firstRunHours = firstRunHours
    }

    /// These settings (the config's `watcher.*`) with what an admin set for the store on top: several counters
    /// on one store share the store's choice; the config only decides what the store never set.
    public func applying(_ stored: StoredWatcherSettings) -> WatcherSettings {
        var settings = self
        if let enabled = stored.enabled { settings.enabled = enabled }
        if let share = stored.rateShare { settings.rateShare = share }
        if let shops = stored.shops { settings.shops = shops }
        return settings
    }

    /// A clear sentence for each value out of range, nil when all are fine.
    public var problem: String? {
        if !(0.05...1).contains(rateShare) { return "watcher.rateShare must be between 0.05 and 1 (a share of the bucket)." }
        if pollSeconds < 1 || pollSeconds > 55 { return "watcher.pollSeconds must be between 1 and 55 (a sale is recorded within a minute)." }
        if leaseSeconds < pollSeconds * 2 { return "watcher.leaseSeconds must be at least twice watcher.pollSeconds." }
        if overlapSeconds < 0 { return "watcher.overlapSeconds cannot be negative." }
        if firstRunHours < 0 { return "watcher.firstRunHours cannot be negative." }
        return nil
    }
}

/// What the watcher is doing, for the counter's status bar, `astro-loyalty watch`'s log and Enable Lightspeed.
public enum WatcherStatus: Sendable, Hashable {
    case off
    case starting
    /// Every completed sale up to `at` is recorded.
    case upToDate(at: Date)
    /// Reading a backlog: the oldest unread completion is `behind` seconds ago; `sales` handled so far.
    case catchingUp(behind: TimeInterval, sales: Int)
    /// Another counter holds the lease and watches for this store.
    case standingBy(holder: String)
    case problem(String)
}
