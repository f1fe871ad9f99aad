import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// "Lightspeed customers to link": the sales the watcher read for Lightspeed customers linked to nobody,
/// each customer with the loyalty customers that match by phone, email or name. Linking one records that
/// customer's queued sales as everywhere else: a sale of today as the button would; older ones go through
/// Import History's review (their statuses, Agree all or nothing), as they would for any customer. The
/// manager's screen and `astro-loyalty unlinked --link` both call `link`, so both take the same path.
public struct UnlinkedQueue: Sendable {
    public struct Entry: Sendable, Hashable, Codable {
        public var lightspeed: UnlinkedLightspeedCustomer
        public var matches: [Match]
        /// The loyalty customer already linked to this Lightspeed customer (linked earlier, older sales still
        /// waiting for their review), offered first.
        public var linked: Match?

        public init(lightspeed: UnlinkedLightspeedCustomer, matches: [Match], linked: Match? = nil) {
            self.lightspeed = lightspeed
            self.matches = matches
            self.linked = linked
        }

        /// What Enter can link to, the linked customer first.
        public var candidates: [Match] { (linked.map { [$0] } ?? []) + matches.filter { $0.customerID != linked?.customerID } }
    }

    public struct Match: Sendable, Hashable, Codable {
        public var customerID: Int64
        public var name: String
        public var phone: String?
        public var email: String?
        /// "same phone", "same email", "similar name" (or "linked").
        public var reasons: [String]

        public init(customerID: Int64, name: String, phone: String?, email: String?, reasons: [String]) {
            self.customerID = customerID
            self.name = name
            self.phone = phone
            self.email = email
            self.reasons = reasons
        }
    }

    /// What linking did.
    public struct LinkResult: Sendable, Hashable {
        public var customerID: Int64
        public var customerName: String
        public var lightspeedCustomerID: String
        /// Today's queued sales, recorded as the button would.
        public var sales: [LightspeedSaleOutcome]
        /// The older queued sales' Import History review (with `queuedSaleIDs`), waiting for Agree; nil when none
        /// has anything to add.
        public var review: ImportReview?
        /// What the Import History screen needs to show `review`.
        public var reviewContext: ImportHistoryContext?
        /// Older sales with nothing to add (already on record, voided): taken off the queue.
        public var settledOlder: Int
        public var punches: Int { sales.reduce(0) { $0 + $1.punchIDs.count } }
        public var points: Int { sales.reduce(0) { $0 + $1.pointsChange } }
        public var olderToReview: Int { review?.queuedSaleIDs.count ?? 0 }
    }

    public let store: LoyaltyStore
    public let now: @Sendable () -> Date

    public init(store: LoyaltyStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The queue, each Lightspeed customer with the loyalty customers that match (the same rule as the customer
    /// form's duplicate check, `duplicateCandidates`).
    public func entries(limit: Int = 200) throws -> [Entry] {
        try store.unlinkedLightspeedCustomers(limit: limit).map { waiting in
            let draft = CustomerDraft(firstName: waiting.firstName, lastName: waiting.lastName, phone: waiting.phone ?? "",
                                      email: waiting.email ?? "")
            let matches = try store.duplicateCandidates(for: draft).prefix(5).map { candidate in
                Match(customerID: candidate.customer.id, name: candidate.customer.fullName, phone: candidate.customer.phone,
                      email: candidate.customer.email, reasons: candidate.reasons.map(Self.words))
            }
            let linked = try store.customer(lightspeedID: waiting.lightspeedCustomerID).map {
                Match(customerID: $0.id, name: $0.fullName, phone: $0.phone, email: $0.email, reasons: ["linked"])
            }
            return Entry(lightspeed: waiting, matches: Array(matches), linked: linked)
        }
    }

    /// Links `lightspeedID` to the loyalty customer, then reads its queued sales again from Lightspeed: those
    /// of today (in the shop's zone) are recorded through the button's path and leave the queue; older ones
    /// make an Import History review for that customer (nothing recorded until its Agree, which takes them off
    /// the queue in the same transaction). A sale that fails stays queued. `policy` is the store's
    /// (`points.itemFeesEarnPoints`), as for every other recording path.
    public func link(customer customerID: Int64, to lightspeedID: String, api: LightspeedAPI, policy: SalePointsPolicy,
                     by op: Operator) async throws -> LinkResult {
        try Self.requireManager(op)
        guard let waiting = try store.unlinkedLightspeedCustomers(limit: .max).first(where: { $0.lightspeedCustomerID == lightspeedID }) else {
            throw StoreError.notFound("Queued sales of Lightspeed customer \(lightspeedID)")
        }
        guard let customer = try store.customer(id: customerID) else { throw StoreError.notFound("Customer \(customerID)") }
        if customer.lightspeedCustomerID != lightspeedID {
            try store.linkLightspeed(customer: customerID, to: lightspeedID, by: op)
        }
        let settings = try store.settings()
        let calendar = StoreCalendar(timeZone: settings.timeZone)
        let today = calendar.today(now: now())
        let zones: [String: TimeZone]
        do { zones = ImportHistoryLines.zones(try await api.shops()) } catch { throw LightspeedSaleError.lightspeed(error) }
        let handler = LightspeedSaleHandler(api: api, store: store, policy: policy)
        var result = LinkResult(customerID: customerID, customerName: customer.fullName, lightspeedCustomerID: lightspeedID,
                                sales: [], review: nil, reviewContext: nil, settledOlder: 0)
        var older: [LightspeedSale] = []
        var settled: [String] = []
        for saleID in waiting.saleIDs {
            let sale: LightspeedSale
            do { sale = try await api.sale(saleID) } catch { throw LightspeedSaleError.lightspeed(error) }
            let day = sale.completeTime.map { calendar.localDate(of: $0, in: sale.shopID.flatMap { zones[$0] }) } ?? today
            if sale.completed && !sale.voided && day < today {
                older.append(sale)
                continue
            }
            let press = LightspeedButtonPress(kind: .sale, saleID: saleID, customerID: lightspeedID,
                                              employeeID: sale.employeeID, registerID: sale.registerID)
            result.sales.append(try await handler.record(sale, press: press, by: op))
            try store.resolveUnlinkedSales([saleID], customer: customerID, by: op)
        }
        if !older.isEmpty {
            let engine = ImportHistoryEngine(store: store, lightspeed: api, now: now, policy: policy, location: op.locationID)
            older.sort { ($0.completeTime ?? .distantPast, $0.id) < ($1.completeTime ?? .distantPast, $1.id) }
            let first = older.compactMap { sale in sale.completeTime.map { calendar.localDate(of: $0, in: sale.shopID.flatMap { zones[$0] }) } }
                .min() ?? today
            var review = try engine.review(customerID: customerID, range: try engine.range(start: first),
                                           includePoints: settings.pointsEnabled, sales: older,
                                           fetched: FetchCounts(pages: 0, sales: older.count,
                                                                lines: older.reduce(0) { $0 + $1.lines.count }),
                                           zones: zones)
            review.queuedSaleIDs = older.map(\.id)
            if review.hasWork {
                result.review = review
                result.reviewContext = try engine.context(customerID: customerID)
            } else {
                settled = review.queuedSaleIDs
            }
        }
        if !settled.isEmpty {
            try store.resolveUnlinkedSales(settled, customer: customerID, by: op)
            result.settledOlder = settled.count
        }
        return result
    }

    /// N on the queue: a new loyalty customer from the Lightspeed customer's name, phone and email (the customer
    /// form's checks), linked and its queued sales recorded as `link` does.
    public func addAndLink(_ lightspeedID: String, api: LightspeedAPI, policy: SalePointsPolicy, by op: Operator)
        async throws -> LinkResult {
        try Self.requireManager(op)
        guard let waiting = try store.unlinkedLightspeedCustomers(limit: .max).first(where: { $0.lightspeedCustomerID == lightspeedID }) else {
            throw StoreError.notFound("Queued sales of Lightspeed customer \(lightspeedID)")
        }
        let draft = CustomerDraft(firstName: waiting.firstName, lastName: waiting.lastName, phone: waiting.phone ?? "",
                                  email: waiting.email ?? "")
        let customer = try store.addCustomer(draft, by: op)
        return try await link(customer: customer.id, to: lightspeedID, api: api, policy: policy, by: op)
    }

    /// Agree on a linked customer's review of older queued sales: Import History's commit, which takes them off
    /// the queue in the same transaction (the CLI's `--agree`; the screen goes through Import History's A).
    public func agree(_ review: ImportReview, api: LightspeedAPI?, policy: SalePointsPolicy, by op: Operator) throws -> ImportOutcome {
        try ImportHistoryEngine(store: store, lightspeed: api, now: now, policy: policy, location: op.locationID)
            .commit(review, by: op)
    }

    /// The view-model asks first; the store asks again on every write (`resolveUnlinkedSales`).
    static func requireManager(_ op: Operator) throws {
        guard op.effectiveRole.may(.reviewLightspeedSales) else {
            throw StoreError.notAllowed(action: "link a queued Lightspeed customer", needs: Action.reviewLightspeedSales.minimumRole)
        }
    }

    static func words(_ reason: DuplicateCandidate.Reason) -> String {
        switch reason {
        case .samePhone: return "same phone"
        case .sameEmail: return "same email"
        case .sameName: return "same name"
        case .similarName: return "similar name"
        }
    }
}
