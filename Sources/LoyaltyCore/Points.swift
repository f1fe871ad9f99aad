import Foundation

/// The admin's earn rule: `points` per whole `unitCents` of a sale's subtotal (e.g. 1 point per $1).
/// Money is integer cents everywhere; a refund's negative subtotal earns negative points, rounded the
/// same way toward zero, so a full refund takes back exactly what the sale gave.
public struct PointsRule: Codable, Sendable, Hashable {
    public var points: Int
    public var unitCents: Int

    public init(points: Int = 1, unitCents: Int = 100) {
        self.points = points
        self.unitCents = unitCents
    }

    public func points(forSubtotalCents cents: Int) -> Int {
        guard unitCents > 0 else { return 0 }
        let whole = abs(cents) / unitCents
        return (cents < 0 ? -1 : 1) * whole * points
    }
}

/// Why a points redemption was refused.
public enum PointsRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case costNotPositive(Int)
    case balanceTooLow(balance: Int, cost: Int)
    case adjustmentNeedsReason
    case adjustmentZero

    public var description: String {
        switch self {
        case .costNotPositive(let c): "A reward costs at least 1 point (this one says \(c))."
        case .balanceTooLow(let b, let c): "This reward costs \(Counting.of(c, "point")); the customer has \(b)."
        case .adjustmentNeedsReason: "A manual points adjustment needs a reason."
        case .adjustmentZero: "A points adjustment must add or take away at least 1 point."
        }
    }
}

/// A reward bought with points (set by the admin).
public struct PointsReward: Codable, Sendable, Hashable {
    public var name: String
    public var cost: Int
    public init(name: String, cost: Int) {
        self.name = name
        self.cost = cost
    }
}

/// The points ledger rules: the balance is the sum of the entries.
public enum PointsLedger {
    public static func balance(_ entries: [PointsEntry]) -> Int {
        entries.reduce(0) { $0 + $1.delta }
    }

    /// The entry delta of a redemption (negative), or the refusal.
    public static func redeem(_ reward: PointsReward, balance: Int) throws(PointsRefusal) -> Int {
        guard reward.cost > 0 else { throw .costNotPositive(reward.cost) }
        guard balance >= reward.cost else { throw .balanceTooLow(balance: balance, cost: reward.cost) }
        return -reward.cost
    }

    /// A manager's manual adjustment: non-zero, with a reason.
    public static func adjustment(delta: Int, reason: String) throws(PointsRefusal) -> Int {
        guard delta != 0 else { throw .adjustmentZero }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .adjustmentNeedsReason }
        return delta
    }
}

/// Money is integer cents everywhere. Reading Lightspeed's decimal strings is the Lightspeed client's job
/// (`LightspeedMoney.cents`, the one parser); this only shows cents on a screen or in a report.
public enum Money {
    /// "$29.99" style, for screens (`-$34.48` for negatives).
    public static func display(cents: Int, symbol: String = "$") -> String {
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(symbol)\(abs(cents) / 100).\(String(format: "%02d", abs(cents) % 100))"
    }
}

/// A sale as Import History for Points sees it.
public struct PointsSale: Sendable, Hashable {
    public var saleID: String
    public var completedAt: Date
    public var subtotalCents: Int
    public var voided: Bool
    /// The zone of the shop that sold it (its date is that shop's local date); nil: the store's.
    public var timeZone: TimeZone?
    public init(saleID: String, completedAt: Date, subtotalCents: Int, voided: Bool = false, timeZone: TimeZone? = nil) {
        self.saleID = saleID
        self.completedAt = completedAt
        self.subtotalCents = subtotalCents
        self.voided = voided
        self.timeZone = timeZone
    }
}

/// A sale with no points entry yet, and what it would earn.
public struct PointsCandidate: Sendable, Hashable {
    public var sale: PointsSale
    public var date: LocalDate
    public var points: Int

    public init(sale: PointsSale, date: LocalDate, points: Int) {
        self.sale = sale
        self.date = date
        self.points = points
    }
}

/// Import History for Points: the range's sales that have no points entry yet (by sale ID), oldest first.
/// Voided sales and sales earning 0 points are left out.
public enum PointsImport {
    public static func candidates(sales: [PointsSale], awardedSaleIDs: Set<String>, rule: PointsRule,
                                  calendar: StoreCalendar) -> [PointsCandidate] {
        sales.filter { !$0.voided && !awardedSaleIDs.contains($0.saleID) }
            .sorted { ($0.completedAt, $0.saleID) < ($1.completedAt, $1.saleID) }
            .compactMap { sale in
                let points = rule.points(forSubtotalCents: sale.subtotalCents)
                return points == 0 ? nil
                    : PointsCandidate(sale: sale, date: calendar.localDate(of: sale.completedAt, in: sale.timeZone),
                                      points: points)
            }
    }
}
