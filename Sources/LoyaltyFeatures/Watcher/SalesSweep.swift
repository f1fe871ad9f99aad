import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// The store-wide sweep for the past: Import History for every linked customer over one range, from ONE
/// pass over the account's completed sales (not one fetch per customer). Each customer's share of the pass
/// goes through Import History's own review, so its statuses (Transaction Already Exists, No Item, ✓,
/// refunds netting out…) are Import History's; a commit is Import History's Agree, per customer.
public struct SalesSweep: Sendable {
    /// One linked customer's review.
    public struct CustomerResult: Sendable, Hashable {
        public var customerID: Int64
        public var name: String
        public var lightspeedCustomerID: String
        public var review: ImportReview
        public var summary: ImportSummary { review.summary }
    }

    public struct Result: Sendable, Hashable {
        public var range: ImportRange
        public var customers: [CustomerResult]
        /// Requests made (pages read).
        public var pages: Int
        public var sales: Int
        /// Sales of Lightspeed customers linked to nobody here (the watcher's queue handles those).
        public var unlinkedSales: Int
        public var toImport: Int { customers.reduce(0) { $0 + $1.summary.toImport } }
    }

    public let store: LoyaltyStore
    public let feed: SalesFeed
    public let engine: ImportHistoryEngine
    public let shops: [String]

    /// - Parameter location: the location of the counter (or CLI) sweeping, nil for the default one: where a sale
    ///   of a shop that is no location's belongs (`ImportHistoryEngine.location`); commit with an operator there.
    public init(store: LoyaltyStore, feed: SalesFeed, api: LightspeedAPI, shops: [String] = [], policy: SalePointsPolicy,
                location: Int64? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.feed = feed
        self.engine = ImportHistoryEngine(store: store, lightspeed: api, now: now, policy: policy, location: location)
        self.shops = shops
    }

    /// Reads every completed, not voided sale of the account from `since` (store-local midnight) until now,
    /// then reviews each linked customer's. Reads only.
    public func run(since: LocalDate, progress: @escaping @Sendable (_ pages: Int, _ sales: Int) -> Void = { _, _ in })
        async throws -> Result {
        let range = try engine.range(start: since)
        // Each purchase is dated in the zone of the shop that sold it, as Import History dates it.
        let zones = ImportHistoryLines.zones(try await engine.lightspeed?.shops() ?? [])
        var byCustomer: [String: [LightspeedSale]] = [:]
        var index: [String: (String, Int)] = [:]
        var cursor: URL?
        var pages = 0, sales = 0
        repeat {
            try Task.checkCancellation()
            let page = try await feed.completedPage(range.from, shops, cursor)
            pages += 1
            for sale in page.sales where sale.completed && !sale.voided {
                guard let customer = sale.customerID, let at = sale.completeTime, at <= range.until else { continue }
                // A sale edited between pages comes twice: keep the newer copy once.
                if let (owner, position) = index[sale.id] {
                    byCustomer[owner]?[position] = sale
                    continue
                }
                index[sale.id] = (customer, byCustomer[customer, default: []].count)
                byCustomer[customer, default: []].append(sale)
                sales += 1
            }
            progress(pages, sales)
            cursor = page.next
        } while cursor != nil

        var results: [CustomerResult] = []
        var unlinked = 0
        for (lightspeedID, theirs) in byCustomer.sorted(by: { $0.key < $1.key }) {
            guard let customer = try store.customer(lightspeedID: lightspeedID) else {
                unlinked += theirs.count
                continue
            }
            let ordered = theirs.sorted { ($0.completeTime ?? .distantPast, $0.id) < ($1.completeTime ?? .distantPast, $1.id) }
            let review = try engine.review(customerID: customer.id, range: range, includePoints: false, sales: ordered,
                                           fetched: FetchCounts(pages: pages, sales: ordered.count,
                                                                lines: ordered.reduce(0) { $0 + $1.lines.count }),
                                           zones: zones)
            results.append(CustomerResult(customerID: customer.id, name: customer.fullName, lightspeedCustomerID: lightspeedID,
                                          review: review))
        }
        results.sort { ($0.summary.toImport, $1.name) > ($1.summary.toImport, $0.name) }
        return Result(range: range, customers: results, pages: pages, sales: sales, unlinkedSales: unlinked)
    }

    /// Import History's Agree for one customer's review (all or nothing for that customer). A store-wide
    /// sweep is a manager's: the store asks the role again.
    public func commit(_ customer: CustomerResult, by op: Operator) throws -> ImportOutcome? {
        guard customer.review.hasWork else { return nil }
        return try engine.commit(customer.review, requiring: .reviewLightspeedSales, by: op)
    }
}
