import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// Notices every completed Lightspeed sale of the account, with or without the button: reads the sales
/// completed since the store's checkpoint (every shop, or the configured ones; cursor pages sorted by
/// completion time; within `rateShare` of the bucket), records each one of a linked customer through the
/// button's own path (`LightspeedSaleHandler.record`, idempotent per sale-line unit), queues those of
/// customers linked to nobody, and commits each page's outcomes with the checkpoint once its sales are
/// recorded. One watcher per store: a lease in the store, renewed on every page and taken over when its
/// holder stops renewing. A crash replays at most the page in hand, which records nothing twice.
public actor SalesWatcher {
    public static let operatorName = "Lightspeed watcher"
    /// Who the watcher's punches, points and audit entries name (not a user: no user may have a space).
    public static let watcherOperator = Operator(username: operatorName, role: .cashier)

    let feed: SalesFeed
    let handler: LightspeedSaleHandler
    let store: LoyaltyStore
    let settings: WatcherSettings
    let holder: String
    let environment: LightspeedEnvironment
    let share: RateShare
    let policy: SalePointsPolicy
    let onStatus: @Sendable (WatcherStatus) -> Void
    let log: @Sendable (String) -> Void
    private(set) public var status: WatcherStatus = .starting

    /// What one look at Lightspeed did.
    public struct PassSummary: Sendable, Equatable {
        public var pages = 0
        public var sales = 0
        public var recorded = 0
        public var punches = 0
        public var unlinked = 0
        /// Refunds and voids of recorded sales queued for a manager ("Changed in Lightspeed").
        public var changes = 0
        public var upToDate = false
        public var standingBy = false
    }

    public init(feed: SalesFeed, api: LightspeedAPI, store: LoyaltyStore, settings: WatcherSettings, holder: String,
                environment: LightspeedEnvironment = .live, policy: SalePointsPolicy,
                onStatus: @escaping @Sendable (WatcherStatus) -> Void = { _ in },
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.feed = feed
        self.handler = LightspeedSaleHandler(api: api, store: store, policy: policy)
        self.store = store
        self.settings = settings
        self.holder = holder
        self.environment = environment
        self.share = RateShare(share: settings.rateShare, environment: environment)
        self.policy = policy
        self.onStatus = onStatus
        self.log = log
    }

    /// Drips booked against the watcher's share so far.
    public var dripsSpent: Double { get async { await share.spent } }

    /// Looks every `pollSeconds` until the task is cancelled, then gives the lease back.
    public func run() async {
        publish(.starting)
        while !Task.isCancelled {
            do {
                _ = try await pass()
            } catch is CancellationError {
                break
            } catch LightspeedError.cancelled {
                break
            } catch {
                let text = WatcherStrings.problem(error)
                log("Lightspeed watcher: \(text)")
                publish(.problem(text))
            }
            do { try await environment.sleep(settings.pollSeconds) } catch { break }
        }
        try? store.releaseWatcherLease(holder: holder)
        log("Lightspeed watcher stopped (\(holder)).")
    }

    /// One look: every page from the checkpoint (less the overlap) to the newest completed sale.
    @discardableResult
    public func pass() async throws -> PassSummary {
        var summary = PassSummary()
        let op = Self.watcherOperator
        guard try takeLease(op) else {
            summary.standingBy = true
            return summary
        }
        let record = try store.watcherRecord()
        let start = record.checkpoint ?? environment.now().addingTimeInterval(-settings.firstRunHours * 3600)
        let since = start.addingTimeInterval(-settings.overlapSeconds)
        var cursor: URL?
        while true {
            try Task.checkCancellation()
            try await share.spend(SalesFeed.completedPageCost, bucket: await feed.bucket())
            let page: SalesPage
            do { page = try await feed.completedPage(since, settings.shops, cursor) } catch { throw error }
            summary.pages += 1
            let seen = try store.watchedSales(page.sales.map(\.id))
            var watched: [WatchedSale] = []
            for sale in page.sales where sale.completed && !watched.contains(where: { $0.saleID == sale.id }) {
                // Seen and unchanged since: skip. Changed (a line added, a quantity edited): through the
                // button's path again, which adds only what is new.
                if let seenUpdate = seen[sale.id], (sale.updateTime ?? .distantPast) <= seenUpdate { continue }
                let done = try await handle(sale, op: op)
                summary.changes += try queueRefund(in: sale, op: op)
                watched.append(done.sale)
                summary.sales += 1
                summary.punches += done.punches
                if done.sale.outcome == .recorded { summary.recorded += 1 }
                if done.sale.outcome == .unlinked { summary.unlinked += 1 }
            }
            let newest = page.sales.compactMap(\.completeTime).max()
            let last = page.next == nil
            guard try store.commitWatchedPage(holder: holder, sales: watched, checkpoint: newest, upToDate: last, by: op) else {
                log("Lightspeed watcher: the lease went to another counter; standing by.")
                summary.standingBy = true
                try publishStandingBy()
                return summary
            }
            if !watched.isEmpty {
                log("Lightspeed watcher: page \(summary.pages): \(Counting.of(watched.count, "sale")), \(Counting.of(summary.punches, "punch")) so far, "
                    + "checkpoint \(newest.map { LightspeedDate.format($0) } ?? "unchanged")")
            }
            if last {
                // Up to date with completed sales: look for voids of recorded sales (never during a catch-up,
                // which needs the share for the backlog).
                guard try await lookForVoids(since: record.voidCheckpoint ?? start, op: op, summary: &summary) else {
                    summary.standingBy = true
                    try publishStandingBy()
                    return summary
                }
                summary.upToDate = true
                publish(.upToDate(at: environment.now()))
                return summary
            }
            publish(.catchingUp(behind: max(0, environment.now().timeIntervalSince(newest ?? start)), sales: summary.sales))
            cursor = page.next
            guard try takeLease(op) else {
                summary.standingBy = true
                return summary
            }
        }
    }

    /// Reads the sales voided since the void checkpoint (less the overlap), queues a change for each one that
    /// was recorded here (the store knows which; others queue nothing), and moves the void checkpoint once the
    /// page's changes are stored. False when the lease went to another counter.
    private func lookForVoids(since: Date, op: Operator, summary: inout PassSummary) async throws -> Bool {
        var cursor: URL?
        let from = since.addingTimeInterval(-settings.overlapSeconds)
        while true {
            try Task.checkCancellation()
            try await share.spend(SalesFeed.voidedPageCost, bucket: await feed.bucket())
            let page = try await feed.voidedPage(from, settings.shops, cursor)
            for sale in page.sales {
                guard let finding = ChangeDetection.void(sale, seenAt: environment.now()) else { continue }
                if try store.queueLightspeedChange(finding, by: op) != nil { summary.changes += 1 }
            }
            guard try store.moveWatcherVoidCheckpoint(holder: holder, to: page.sales.compactMap(\.updateTime).max()) else {
                return false
            }
            guard let next = page.next else { return true }
            cursor = next
        }
    }

    private func takeLease(_ op: Operator) throws -> Bool {
        switch try store.takeWatcherLease(holder: holder, seconds: settings.leaseSeconds, by: op) {
        case .held: return true
        case .heldByOther(let other, _):
            publish(.standingBy(holder: other))
            return false
        }
    }

    private func publishStandingBy() throws {
        let record = try store.watcherRecord()
        publish(.standingBy(holder: record.leaseHolder ?? "another counter"))
    }

    private func publish(_ new: WatcherStatus) {
        guard new != status else { return }
        status = new
        onStatus(new)
    }

    /// A refund (or an exchange's returned lines) of sales recorded here goes to "Changed in Lightspeed" for a
    /// manager; one of sales never recorded here queues nothing (the store finds no punch they earned).
    private func queueRefund(in sale: LightspeedSale, op: Operator) throws -> Int {
        guard let finding = ChangeDetection.refund(in: sale, policy: policy) else { return 0 }
        return try store.queueLightspeedChange(finding, by: op) == nil ? 0 : 1
    }

    /// One completed sale: recorded through the button's path, or queued, or left for a person.
    private func handle(_ sale: LightspeedSale, op: Operator) async throws -> (sale: WatchedSale, punches: Int) {
        var watched = WatchedSale(saleID: sale.id, outcome: .recorded, completeTime: sale.completeTime ?? environment.now(),
                                  updateTime: sale.updateTime, shopID: sale.shopID, lightspeedCustomerID: sale.customerID,
                                  totalCents: sale.totalCents)
        if sale.voided {
            watched.outcome = .voided
            return (watched, 0)
        }
        guard sale.customerID != nil else {
            watched.outcome = .noCustomer
            return (watched, 0)
        }
        let bought = sale.lines.filter { $0.quantity > 0 }
        if bought.isEmpty, sale.lines.contains(where: { $0.quantity < 0 }) {
            // A refund takes points back and may mean punches should go: a person decides, never the watcher.
            watched.outcome = .refund
            return (watched, 0)
        }
        // In an exchange the returned lines are left out: the watcher only adds.
        var purchase = sale
        purchase.lines = sale.lines.filter { $0.quantity >= 0 }
        let press = LightspeedButtonPress(kind: .sale, saleID: sale.id, customerID: sale.customerID,
                                          employeeID: sale.employeeID, registerID: sale.registerID)
        let outcome = try await handler.record(purchase, press: press, by: op)
        switch outcome.status {
        case .recorded, .refunded:
            watched.customerID = outcome.customerID
            return (watched, outcome.punchIDs.count)
        case .voided:
            watched.outcome = .voided
        case .noCustomerOnSale:
            watched.outcome = .noCustomer
        case .waiting, .stillOpen:
            // Not reached: the feed reads completed sales only, and an open sale is never recorded.
            return (watched, 0)
        case .noLinkedCustomer:
            watched.outcome = .unlinked
            if let who = outcome.lightspeedCustomer {
                watched.firstName = who.firstName
                watched.lastName = who.lastName
                watched.phone = who.phone
                watched.email = who.email
            }
        }
        return (watched, 0)
    }
}
