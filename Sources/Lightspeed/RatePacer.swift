import Foundation

/// Keeps our own estimate of Lightspeed's leaky bucket from the `X-LS-API-Bucket-Level` ("used/size") and
/// `X-LS-API-Drip-Rate` headers, and waits before a request that would overflow it, so a long import
/// never draws a 429.
actor RatePacer {
    private let environment: LightspeedEnvironment
    private var level = 0.0
    private var size = 90.0
    private var dripRate = 1.0
    private var observedAt: Date?
    /// Room kept free below the bucket size: other programs on the same account spend from it too.
    private let headroom: Double

    init(environment: LightspeedEnvironment, headroom: Double = 3) {
        self.environment = environment
        self.headroom = headroom
    }

    /// Waits until one more request of `cost` fits, then books it.
    func waitTurn(cost: Double = 1) async throws {
        guard let observedAt else { return }
        let now = environment.now()
        let current = max(0, level - dripRate * now.timeIntervalSince(observedAt))
        let limit = max(1, size - headroom)
        let excess = current + cost - limit
        var wait = 0.0
        if excess > 0 {
            wait = excess / max(dripRate, 0.01)
        }
        // Book it before sleeping, so concurrent callers queue up behind this one.
        level = current + cost
        self.observedAt = now.addingTimeInterval(0)
        if wait > 0 {
            level -= dripRate * wait
            self.observedAt = now.addingTimeInterval(wait)
            try await environment.sleep(wait)
        }
    }

    /// Takes the server's word for the bucket after each answer.
    func observe(_ answer: HTTPAnswer) {
        if let bucket = answer.header("X-LS-API-Bucket-Level") {
            let parts = bucket.split(separator: "/")
            if parts.count == 2, let used = Double(parts[0].trimmingCharacters(in: .whitespaces)),
               let total = Double(parts[1].trimmingCharacters(in: .whitespaces)), total > 0 {
                level = used
                size = total
                observedAt = environment.now()
            }
        }
        if let drip = answer.header("X-LS-API-Drip-Rate").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
           drip > 0 {
            dripRate = drip
        }
    }
}

extension RatePacer {
    /// The bucket's size and drip rate as last seen (for the sales watcher's share).
    func shape() -> BucketShape { BucketShape(size: size, dripRate: dripRate) }
}
