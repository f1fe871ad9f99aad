import Foundation
import LoyaltyCore

/// Today's Purchases as the cashier scanned them: the units of one scan (`3*UPC`, recorded in one
/// transaction, so one time, one UPC, one cashier) are one line "3 × item", even when they spilled onto a
/// second card. Newest first, like the list they come from.
public struct PurchaseGroup: Hashable, Sendable {
    public var punches: [Punch]
    public var first: Punch { punches[0] }
    public var count: Int { punches.count }
    public var cardIDs: [Int64] {
        var seen: [Int64] = []
        for p in punches where !seen.contains(p.cardID) { seen.append(p.cardID) }
        return seen
    }

    /// Groups `punches` (newest first): neighbours of one scan join one group.
    public static func grouping(_ punches: [Punch]) -> [PurchaseGroup] {
        var groups: [PurchaseGroup] = []
        for punch in punches {
            if let last = groups.last?.first, sameScan(last, punch) {
                groups[groups.count - 1].punches.append(punch)
            } else {
                groups.append(PurchaseGroup(punches: [punch]))
            }
        }
        return groups
    }

    static func sameScan(_ a: Punch, _ b: Punch) -> Bool {
        a.upc == b.upc && a.recordedAt == b.recordedAt && a.recordedBy == b.recordedBy && a.source == b.source
            && a.saleID == b.saleID && a.itemDescription == b.itemDescription
    }
}

extension CheckoutState {
    /// Today's Purchases, one line per scan.
    public var todaysGroups: [PurchaseGroup] { PurchaseGroup.grouping(todaysPurchases) }
}
