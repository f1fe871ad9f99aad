/// One sale line as the points rule sees it: its amount after every discount (line and transaction), and
/// what kind of line it is. Lightspeed's decoding fills it in; the rule below decides what earns.
public struct PointsLine: Sendable, Hashable {
    /// Units; negative on a refund line.
    public var quantity: Int
    /// The line's amount after discounts, in cents (negative on a refund line).
    public var cents: Int
    /// An `item_fee` / `item_fee_refund` line (a deposit or an environmental fee attached to an item).
    public var isItemFee: Bool
    /// False for a layaway, special-order or work-order line whose goods stay in the store.
    public var handedOver: Bool

    public init(quantity: Int, cents: Int, isItemFee: Bool = false, handedOver: Bool = true) {
        self.quantity = quantity
        self.cents = cents
        self.isItemFee = isItemFee
        self.handedOver = handedOver
    }
}

/// The store's choices about what counts as points-earning spend. No constructor that records sales has a
/// default for it, and neither has this one: every path (the button, the watchers, Import History, the sweep,
/// linking a queued customer) must be handed the configured policy, so the compiler finds one that forgot it.
public struct SalePointsPolicy: Sendable, Hashable {
    /// Item fees earn points too (config `points.itemFeesEarnPoints`; off by default: a fee is not product).
    public var itemFeesEarnPoints: Bool

    public init(itemFeesEarnPoints: Bool) {
        self.itemFeesEarnPoints = itemFeesEarnPoints
    }
}

/// Which cents of a sale earn points, and which cents its refund lines take back. Points are earned on the
/// amount after discounts; item fees only when the store says so; a line whose goods were not handed over
/// (layaway, special order, work order) earns on the sale that hands them over, never twice. A refund line
/// takes back the amount it returned, after the discounts the original line had (Lightspeed copies them).
public enum SalePoints {
    public static func earningCents(_ lines: [PointsLine], policy: SalePointsPolicy) -> (bought: Int, refunded: Int) {
        var bought = 0
        var refunded = 0
        for line in lines where !line.isItemFee || policy.itemFeesEarnPoints {
            if line.quantity > 0, line.handedOver { bought += line.cents }
            if line.quantity < 0 { refunded -= line.cents }
        }
        return (max(0, bought), max(0, refunded))
    }
}
