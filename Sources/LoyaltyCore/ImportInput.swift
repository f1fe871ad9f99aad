import Foundation

/// One Lightspeed sale line as Import History needs it, already decoded by the Lightspeed client.
public struct SaleLine: Sendable, Hashable, Codable {
    public var saleID: String
    public var saleLineID: String
    /// The sale's `completeTime`.
    public var completedAt: Date
    /// The item's code (`UPC.fromLightspeedItem(upc:ean:customSku:)`), nil when the line has no item or no valid code.
    public var upc: UPC?
    public var description: String
    /// Units; negative on refund lines.
    public var quantity: Int
    /// On refund lines: the original line.
    public var parentSaleLineID: String?
    /// The sale was voided: its lines never count.
    public var voided: Bool
    /// Shown in the line's details; not used for matching.
    public var ticketNumber: String?
    public var register: String?
    public var employee: String?
    /// The unit price Lightspeed charged (cents), for a manufacturer's claim; nil when unknown.
    public var unitPriceCents: Int? = nil
    /// The time zone of the shop where it was sold (Lightspeed's `Shop.timeZone`): the purchase date is the
    /// local date there. nil: the store's own zone.
    public var timeZone: TimeZone?
    /// False for a layaway, special-order or work-order line (`isLayaway`, `isSpecialOrder`, `isWorkorder`):
    /// the goods are still in the store, so the line earns nothing until it completes without the flag.
    public var handedOver: Bool

    public init(saleID: String, saleLineID: String, completedAt: Date, upc: UPC?, description: String,
                quantity: Int, parentSaleLineID: String? = nil, voided: Bool = false, ticketNumber: String? = nil,
                register: String? = nil, employee: String? = nil, timeZone: TimeZone? = nil, handedOver: Bool = true) {
        self.saleID = saleID
        self.saleLineID = saleLineID
        self.completedAt = completedAt
        self.upc = upc
        self.description = description
        self.quantity = quantity
        self.parentSaleLineID = parentSaleLineID
        self.voided = voided
        self.ticketNumber = ticketNumber
        self.register = register
        self.employee = employee
        self.timeZone = timeZone
        self.handedOver = handedOver
    }
}

/// A punch as matching sees it. Built from every punch of the customer, on any card, redeemed or not.
/// A removed punch (with its `removal`) stands for nothing on a card, but tells Import History that a
/// manager already took that unit off once ("Removed earlier").
public struct MatchablePunch: Sendable, Hashable {
    public var id: Int64
    public var upc: UPC?
    public var purchaseDate: LocalDate
    public var saleLineID: String?
    public var source: PunchSource
    /// Who removed it, when and why; nil for a counting punch.
    public var removal: PunchRemoval?

    public init(id: Int64, upc: UPC?, purchaseDate: LocalDate, saleLineID: String? = nil, source: PunchSource,
                removal: PunchRemoval? = nil) {
        self.id = id
        self.upc = upc
        self.purchaseDate = purchaseDate
        self.saleLineID = saleLineID
        self.source = source
        self.removal = removal
    }

    public init(_ punch: Punch) {
        self.init(id: punch.id, upc: punch.upc, purchaseDate: punch.purchaseDate, saleLineID: punch.saleLineID,
                  source: punch.source, removal: punch.removal)
    }

    /// The counting punches of a customer, ready for matching.
    public static func from(_ punches: [Punch]) -> [MatchablePunch] {
        punches.filter(\.counts).map(MatchablePunch.init)
    }

    /// Still on its card (not removed).
    public var counts: Bool { removal == nil }

    /// Entered by a person (not from Lightspeed, not from paper): the punches that can be a late
    /// manual copy of a purchase.
    var isManual: Bool { source == .counter || source == .exception }
}
