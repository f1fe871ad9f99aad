/// A sale line to ring up in the simulator: an item (with an optional discount and a layaway, special-order or
/// work-order flag), or an item fee attached to the item line before it.
public struct RingUpLine: Sendable, Equatable {
    /// Why the goods stay in the store (`isLayaway`, `isSpecialOrder`, `isWorkorder` on the line).
    public enum Held: String, Sendable, Equatable {
        case layaway, specialOrder, workorder
    }

    public var itemID: String
    public var quantity: Int
    /// Defaults to the item's Default price.
    public var unitPriceCents: Int?
    /// The line's discount in cents (for all its units): `calcLineDiscount`, and `displayableSubtotal` after it.
    public var discountCents: Int
    public var held: Held?
    /// An `item_fee` line of this amount per unit, attached to the previous item line (`itemID` is then "0").
    public var feeCents: Int?

    public init(itemID: String, quantity: Int = 1, unitPriceCents: Int? = nil, discountCents: Int = 0,
                held: Held? = nil) {
        self.itemID = itemID
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.discountCents = discountCents
        self.held = held
        self.feeCents = nil
    }

    /// An item fee (a bottle deposit, an environmental fee) for the item line just before it.
    public static func fee(cents: Int, quantity: Int = 1) -> RingUpLine {
        var line = RingUpLine(itemID: "0", quantity: quantity, unitPriceCents: cents)
        line.feeCents = cents
        return line
    }

    public var isFee: Bool { feeCents != nil }
}
