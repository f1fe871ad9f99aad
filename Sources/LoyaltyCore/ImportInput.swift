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
    /// The Lightspeed `shopID` of the shop where it was sold: it decides the line's location
    /// (`LocationRules.saleLocation`), so which location-scoped programs it earns on. nil: unknown (stored before
    /// it was kept, or a sale without a shop), the counter's own location.
    public var shopID: String? = nil
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

/// The program each sale line earns on, for Import History and the Lightspeed button: its UPC's active program,
/// unless that program belongs to another location than the one where the line was sold
/// (`LocationRules.earns`) — then none, and the line is "No Item", as at the counter.
public struct SaleLinePrograms: Sendable, Hashable {
    /// An active program of a UPC and where it earns.
    public struct Entry: Sendable, Hashable {
        public var programID: Int64
        public var scope: ProgramScope
        public init(programID: Int64, scope: ProgramScope) {
            self.programID = programID
            self.scope = scope
        }
    }

    public var entries: [UPC: Entry]
    /// Every location of the store (the shops that decide a line's location).
    public var locations: [Location]
    /// The counter's location (nil: the default one), for a line whose shop is no location's.
    public var counter: Int64?

    public init(entries: [UPC: Entry], locations: [Location], counter: Int64?) {
        self.entries = entries
        self.locations = locations
        self.counter = counter
    }

    /// Programs that all earn chain-wide (no location involved).
    public init(chainWide programs: [UPC: Int64]) {
        self.init(entries: programs.mapValues { Entry(programID: $0, scope: .chain) }, locations: [], counter: nil)
    }

    /// The program `line` earns on, or nil ("No Item").
    public func programID(of line: SaleLine) -> Int64? {
        guard let upc = line.upc, let entry = entries[upc],
              LocationRules.earns(entry.scope, shop: line.shopID, in: locations, counter: counter) else { return nil }
        return entry.programID
    }

    /// Where a sale made at Lightspeed shop `shopID` happened (recorded on its punches).
    public func location(shop shopID: String?) -> Int64? {
        LocationRules.saleLocation(shop: shopID, in: locations, counter: counter)
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
