import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// Why Import History could not run (each a sentence for the cashier).
public enum ImportHistoryError: Error, Hashable, Sendable, CustomStringConvertible {
    case customerNotFound(Int64)
    case notLinked(String)
    case notConnected
    case badStart(String)
    case lightspeed(LightspeedError)
    case cancelled
    case nothingChecked

    public var description: String {
        switch self {
        case .customerNotFound(let id): "There is no customer \(id)."
        case .notLinked(let name): ImportHistoryStrings.notLinked(name)
        case .notConnected: ImportHistoryStrings.notConnected
        case .badStart(let why): why
        case .lightspeed(let error): error.description
        case .cancelled: ImportHistoryStrings.cancelled
        case .nothingChecked: ImportHistoryStrings.nothingChecked
        }
    }
}

/// Import History without a screen: what the dialog knows up front, the fetch and match that make the
/// review, and the commit. The counter screen's effect runner and the `import-history` command both call it,
/// so the CLI prints exactly what the screen shows.
public struct ImportHistoryEngine: Sendable {
    public let store: LoyaltyStore
    /// nil when Lightspeed is not connected.
    public let lightspeed: LightspeedAPI?
    public let now: @Sendable () -> Date
    /// What earns points (item fees or not) for Import History for Points.
    public let policy: SalePointsPolicy
    /// The location of the counter that imports (nil: the default one): a line sold at a shop that is no
    /// location's belongs there (`LocationRules.saleLocation`). The commit uses its operator's, the same one.
    public let location: Int64?

    public init(store: LoyaltyStore, lightspeed: LightspeedAPI?, now: @escaping @Sendable () -> Date = { Date() },
                policy: SalePointsPolicy, location: Int64?) {
        self.store = store
        self.lightspeed = lightspeed
        self.now = now
        self.policy = policy
        self.location = location
    }

    public func context(customerID: Int64) throws -> ImportHistoryContext {
        guard let customer = try store.customer(id: customerID) else { throw ImportHistoryError.customerNotFound(customerID) }
        let settings = try store.settings()
        let calendar = StoreCalendar(timeZone: settings.timeZone)
        return ImportHistoryContext(
            customerID: customer.id, customerName: customer.fullName, lightspeedCustomerID: customer.lightspeedCustomerID,
            lightspeedConnected: lightspeed != nil,
            lastRealtimeImport: ImportRange.suggestedStart(lastRealtimeImport: customer.lastRealtimeImport, calendar: calendar),
            goLive: settings.goLiveDate, today: calendar.today(now: now()), pointsEnabled: settings.pointsEnabled)
    }

    /// Fetches the customer's completed, not voided sales at every shop of the account from `start` (midnight
    /// where each shop is: the fetch starts at the earliest shop's midnight, and lines dated before `start` in
    /// their own shop's zone are dropped) until now, all pages, and matches them against the customer's
    /// punches. Reads only: nothing is written. Cancelling the task throws `.cancelled`.
    public func review(customerID: Int64, start: LocalDate, includePoints: Bool,
                       progress: @escaping @Sendable (FetchCounts) -> Void = { _ in }) async throws -> ImportReview {
        let context = try context(customerID: customerID)
        guard let link = context.lightspeedCustomerID else { throw ImportHistoryError.notLinked(context.customerName) }
        guard let lightspeed else { throw ImportHistoryError.notConnected }
        let settings = try store.settings()
        let calendar = StoreCalendar(timeZone: settings.timeZone)
        let range: ImportRange
        do {
            range = try ImportRange(start: start, now: now(), goLive: settings.goLiveDate, calendar: calendar)
        } catch {
            throw ImportHistoryError.badStart("\(error)")
        }
        let counts = CountsBox()
        let sales: [LightspeedSale]
        let zones: [String: TimeZone]
        do {
            // The shops and their zones (a shop without one keeps the store's): part of the fetch, so a failure
            // here changes nothing either.
            zones = ImportHistoryLines.zones(try await lightspeed.shops())
            let earliest = zones.values.map { StoreCalendar(timeZone: $0).startOfDay(range.startDate) }.min()
                .map { min($0, range.from) } ?? range.from
            sales = try await lightspeed.completedSales(
                link, CompleteTimeRange(from: earliest, to: range.until, timeZone: settings.timeZone)) { p in
                    let c = FetchCounts(pages: p.pages, sales: p.sales, lines: p.lines)
                    counts.set(c)
                    progress(c)
                }
        } catch .cancelled {
            throw ImportHistoryError.cancelled
        } catch {
            throw ImportHistoryError.lightspeed(error)
        }
        if Task.isCancelled { throw ImportHistoryError.cancelled }
        return try review(customerID: customerID, range: range, includePoints: includePoints, sales: sales,
                          fetched: counts.value, zones: zones)
    }

    /// The range Import History reads for a start date (store-local midnight until now).
    public func range(start: LocalDate) throws -> ImportRange {
        let settings = try store.settings()
        do {
            return try ImportRange(start: start, now: now(), goLive: settings.goLiveDate,
                                   calendar: StoreCalendar(timeZone: settings.timeZone))
        } catch {
            throw ImportHistoryError.badStart("\(error)")
        }
    }

    /// The review of sales already read from Lightspeed (the customer's completed sales in `range`): what the
    /// store-wide sweep calls with each customer's share of one pass over the account's sales, so its
    /// statuses are Import History's own. `zones` (shop ID → its time zone) dates each line where it was sold;
    /// lines dated before the range's start there are left out.
    public func review(customerID: Int64, range: ImportRange, includePoints: Bool, sales: [LightspeedSale],
                       fetched: FetchCounts, zones: [String: TimeZone] = [:]) throws -> ImportReview {
        let settings = try store.settings()
        let calendar = StoreCalendar(timeZone: settings.timeZone)
        let lines = ImportHistoryLines.saleLines(sales, zones: zones)
            .filter { calendar.purchaseDate(of: $0) >= range.startDate }
        let linePrograms = try store.linePrograms(for: Set(lines.compactMap(\.upc)), at: location)
        let punches = try store.matchablePunches(customer: customerID, saleLineIDs: lines.map(\.saleLineID))
        let rows = ImportMatcher.match(lines: lines, punches: punches, programs: linePrograms, calendar: calendar)

        var points: [ImportPointsRow] = []
        if includePoints {
            let pointsSales = ImportHistoryLines.pointsSales(sales, zones: zones, policy: policy)
                .filter { calendar.localDate(of: $0.completedAt, in: $0.timeZone) >= range.startDate }
            let awarded = try store.salesWithPoints(pointsSales.map(\.saleID))
            let tickets = Dictionary(sales.map { ($0.id, $0.ticketNumber) }, uniquingKeysWith: { a, _ in a })
            points = PointsImport.candidates(sales: pointsSales, awardedSaleIDs: awarded, rule: settings.pointsRule,
                                             calendar: calendar)
                .map { ImportPointsRow(candidate: $0, ticketNumber: tickets[$0.sale.saleID] ?? "") }
        }

        var programs: [Int64: ImportProgramInfo] = [:]
        for entry in try store.programs() {
            programs[entry.program.id] = ImportProgramInfo(id: entry.program.id, name: entry.program.name,
                                                           punchesRequired: entry.program.punchesRequired)
        }
        var cards: [Int64: [CardSlot]] = [:]
        if let detail = try store.customerDetail(id: customerID) {
            for group in detail.programs {
                cards[group.program.id] = group.cards.filter { $0.card.state != .redeemed }
                    .map { CardSlot(card: $0.card, punches: $0.punches) }
            }
        }
        return ImportReview(customerID: customerID, start: range.startDate, end: calendar.localDate(of: range.until),
                            rows: rows, points: points, pointsRequested: includePoints, programs: programs,
                            cards: cards, timeZoneID: settings.timeZoneID, fetched: fetched)
    }

    /// Agree: the checked rows (and No Item rows made exceptions) and the checked points, all or nothing.
    /// Exceptions need a manager: `op` must carry one (a manager signed in, or a cashier with an approver).
    /// `action` is what the store asks of `op` (the store-wide sweep asks a manager's).
    public func commit(_ review: ImportReview, requiring action: Action = .importHistory, by op: Operator) throws -> ImportOutcome {
        guard review.hasWork else { throw ImportHistoryError.nothingChecked }
        if review.rows.contains(where: { $0.commits && $0.status == .noItem }) && !op.effectiveRole.may(.addException) {
            throw StoreError.notAllowed(action: "add an Exception", needs: .manager)
        }
        let result = try store.commitImport(customer: review.customerID, rows: review.rows, points: review.checkedPoints,
                                            range: review.range, requiring: action,
                                            resolvingWatchedSales: review.queuedSaleIDs, by: op)
        return ImportOutcome(runID: result.runID, punchesAdded: result.punches.count,
                             completedCardIDs: result.completedCardIDs, pointsAdded: result.pointsAdded)
    }
}

/// The last progress seen, read once the fetch returns.
private final class CountsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = FetchCounts()
    func set(_ c: FetchCounts) { lock.withLock { counts = c } }
    var value: FetchCounts { lock.withLock { counts } }
}
