import Foundation

/// Why an Import History start date was refused.
public enum ImportRangeError: Error, Hashable, Sendable, CustomStringConvertible {
    case startInFuture(LocalDate)

    public var description: String {
        switch self {
        case .startInFuture(let date): "The start date \(date.iso) is in the future; pick today or an earlier day."
        }
    }
}

/// The instants Import History fetches: from the start date's store-local midnight until now.
public struct ImportRange: Sendable, Hashable {
    public var startDate: LocalDate
    public var from: Date
    public var until: Date
    /// The start is before the store's go-live date: older purchases may already be on cards as paper
    /// conversions or have been redeemed outside the program.
    public var startsBeforeGoLive: Bool

    public init(start: LocalDate, now: Date, goLive: LocalDate?, calendar: StoreCalendar) throws(ImportRangeError) {
        guard start <= calendar.today(now: now) else { throw .startInFuture(start) }
        startDate = start
        from = calendar.startOfDay(start)
        until = now
        startsBeforeGoLive = goLive.map { start < $0 } ?? false
    }

    /// The date offered first: the customer's last real-time import, when there was one.
    public static func suggestedStart(lastRealtimeImport: Date?, calendar: StoreCalendar) -> LocalDate? {
        lastRealtimeImport.map(calendar.localDate(of:))
    }

    /// The warning shown when the start is before go-live.
    public static let beforeGoLiveWarning =
        "This date is before the store started using loyalty: older purchases may already be on cards as paper "
        + "conversions or have been redeemed outside the program."
}

/// The Lightspeed Refund button: which punches the refunded lines earned (by the refunded line's sale-line ID),
/// so the cashier can remove them in one step. Punches are never removed automatically.
public enum RefundMatching {
    /// Refund line ID → the counting punches of its parent line (empty when none).
    public static func punchIDs(forRefundLines lines: [SaleLine], punches: [MatchablePunch]) -> [String: [Int64]] {
        var byLine: [String: [Int64]] = [:]
        for punch in punches where punch.counts {
            if let id = punch.saleLineID { byLine[id, default: []].append(punch.id) }
        }
        var result: [String: [Int64]] = [:]
        for line in lines where line.quantity < 0 && !line.voided {
            result[line.saleLineID] = line.parentSaleLineID.flatMap { byLine[$0] }?.sorted() ?? []
        }
        return result
    }
}
