import Foundation

/// A fixed share of Lightspeed's leaky bucket for one background reader (the sales watcher): its own
/// bucket of `share × size` that drains at `share × drip rate`. Spending waits until the cost fits, so
/// over any window the reader uses at most `share` of what Lightspeed allows and the rest stays free for
/// the button, Import History and other programs on the account.
public actor RateShare {
    public let share: Double
    private let environment: LightspeedEnvironment
    private var level = 0.0
    private var updated: Date?
    /// Every drip booked so far, for the log and the figures.
    public private(set) var spent = 0.0

    public init(share: Double, environment: LightspeedEnvironment = .live) {
        self.share = min(max(share, 0.05), 1)
        self.environment = environment
    }

    /// Waits (the environment's sleep) until `cost` fits in the share of `bucket`, then books it.
    public func spend(_ cost: Double, bucket: BucketShape) async throws {
        let capacity = max(cost, share * bucket.size)
        let drain = max(share * bucket.dripRate, 0.001)
        let now = environment.now()
        if let updated { level = max(0, level - drain * now.timeIntervalSince(updated)) }
        updated = now
        let excess = level + cost - capacity
        level += cost
        spent += cost
        if excess > 0 {
            let wait = excess / drain
            level -= drain * wait
            updated = now.addingTimeInterval(wait)
            try await environment.sleep(wait)
        }
    }
}
