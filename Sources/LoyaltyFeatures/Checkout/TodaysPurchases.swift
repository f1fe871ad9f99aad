import Foundation
import LoyaltyCore

/// Today's Purchases as the cashier scanned them: the units of one scan (`3*UPC`, recorded in one
/// transaction with one scan id) are one line "3 × item", even when they spilled onto a second card.
/// Newest first, like the list they come from.
public struct PurchaseGroup: Hashable, Sendable {
    public var punches: [Punch]
    public var first: Punch { punches[0] }
    public var count: Int { punches.count }
    public var cardIDs: [Int64] {
        var seen: [Int64] = []
        for p in punches where !seen.contains(p.cardID) { seen.append(p.cardID) }
        return seen
    }

    /// Groups `punches` (newest first) by the scan that recorded them — Core's `TodaysPurchases.scans`, the
    /// store's scan id, so two scans of one item are two lines even when the clock gives them one time, and U
    /// undoes exactly the units of the line chosen.
    public static func grouping(_ punches: [Punch]) -> [PurchaseGroup] {
        TodaysPurchases.scans(punches).map { PurchaseGroup(punches: $0) }
    }
}

extension CheckoutState {
    /// Today's Purchases, one line per scan.
    public var todaysGroups: [PurchaseGroup] { PurchaseGroup.grouping(todaysPurchases) }
}
