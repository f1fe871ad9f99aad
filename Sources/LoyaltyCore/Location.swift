import Foundation

/// One shop of the store (a chain of 2–10 shops shares one customer base). Each counter is configured with its
/// location: its dates are in the location's time zone, its punches, redemptions, points and audit entries say
/// where they happened, and a program scoped to a location earns punches only there.
public struct Location: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    /// Unique in the store, case-insensitively ("Downtown").
    public var name: String
    /// The postal address (printed on claims made there; informational elsewhere).
    public var address: String
    /// An IANA zone id. A location with a Lightspeed shop keeps that shop's zone (`LocationRules.zoneProblem`),
    /// so a sale's purchase date (in its shop's zone) and the counter's "today" are the same day.
    public var timeZoneID: String
    /// The Lightspeed `shopID` of this location, or nil for none.
    public var lightspeedShopID: String?
    /// A deactivated location takes no new counter; its history stays.
    public var active: Bool

    public init(id: Int64 = 0, name: String, address: String = "", timeZoneID: String,
                lightspeedShopID: String? = nil, active: Bool = true) {
        self.id = id
        self.name = name
        self.address = address
        self.timeZoneID = timeZoneID
        self.lightspeedShopID = lightspeedShopID
        self.active = active
    }

    /// The location's calendar ("today" at its counters); the machine's zone only if the id is unknown.
    public var calendar: StoreCalendar { StoreCalendar(timeZone: TimeZone(identifier: timeZoneID) ?? .current) }
}

/// Where a program earns punches: everywhere in the chain, or at one location (manufacturers' rules differ
/// from shop to shop). The location's name travels with it so a refusal can name it.
public enum ProgramScope: Codable, Sendable, Hashable {
    case chain
    case location(id: Int64, name: String)

    public var locationID: Int64? {
        if case .location(let id, _) = self { return id }
        return nil
    }

    /// "whole chain" or the location's name, as the admin screens and the CLI show it.
    public var label: String {
        switch self {
        case .chain: "whole chain"
        case .location(_, let name): name
        }
    }
}

/// Why a location rule refused. Each reads as one sentence for the person at the counter.
public enum LocationRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// A scan at `here` of an item whose program belongs to another location.
    case programOfOtherLocation(program: String, location: String, here: String)
    case nameRequired
    case unknownTimeZone(String)
    /// A location with a Lightspeed shop must keep the shop's zone (Lightspeed dates its sales there).
    case zoneDiffersFromShop(zone: String, shop: String, shopZone: String)

    public var description: String {
        switch self {
        case .programOfOtherLocation(let program, let location, let here):
            "\(program) is a program of \(location) only: its items earn no punches at \(here)."
        case .nameRequired:
            "The location needs a name."
        case .unknownTimeZone(let id):
            "\"\(id)\" is not a known time zone; use an IANA name such as America/New_York."
        case .zoneDiffersFromShop(let zone, let shop, let shopZone):
            "Lightspeed shop \(shop) keeps \(shopZone), not \(zone): a location keeps its shop's time zone, "
                + "so a sale is dated on the same day at the counter and in Lightspeed."
        }
    }
}

/// The location rules, once: which programs apply where, and what a location must be.
public enum LocationRules {
    /// A chain-wide program applies everywhere; a scoped one only at its own location.
    public static func applies(_ scope: ProgramScope, at locationID: Int64) -> Bool {
        guard let own = scope.locationID else { return true }
        return own == locationID
    }

    /// Where a sale was made (domain.md, "Dates": purchases belong to the location where they happened): the
    /// active location whose Lightspeed shop is `shopID`; when no active location has that shop, or the sale
    /// names none, the counter's own location — `counter`, nil meaning the default one (`resolve(nil, in:)`).
    /// nil only when there is no active location at all.
    public static func saleLocation(shop shopID: String?, in locations: [Location], counter: Int64?) -> Int64? {
        if let shopID, let owner = locations.first(where: { $0.active && $0.lightspeedShopID == shopID }) {
            return owner.id
        }
        return counter ?? resolve(nil, in: locations)?.id
    }

    /// Whether a program of `scope` earns on a sale made at Lightspeed shop `shopID` (see `saleLocation`): a
    /// chain-wide one always, a scoped one only when the sale's location is its own.
    public static func earns(_ scope: ProgramScope, shop shopID: String?, in locations: [Location], counter: Int64?) -> Bool {
        guard scope.locationID != nil else { return true }
        guard let location = saleLocation(shop: shopID, in: locations, counter: counter) else { return false }
        return applies(scope, at: location)
    }

    /// Refuses a punch at `here` for a program scoped to another location.
    public static func checkPunch(program: Program, at here: Location) throws(LocationRefusal) {
        guard case .location(_, let name) = program.scope, !applies(program.scope, at: here.id) else { return }
        throw .programOfOtherLocation(program: program.name, location: name, here: here.name)
    }

    /// A location as it may be stored: a trimmed name, a known zone, a trimmed shop ID (empty → none), and
    /// when Lightspeed told the shop's zone, the same clock as that zone.
    public static func validated(_ location: Location, shopZoneID: String? = nil,
                                 now: Date = Date()) throws(LocationRefusal) -> Location {
        var clean = location
        clean.name = location.name.trimmingCharacters(in: .whitespaces)
        clean.address = location.address.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.timeZoneID = location.timeZoneID.trimmingCharacters(in: .whitespaces)
        let shop = location.lightspeedShopID?.trimmingCharacters(in: .whitespaces) ?? ""
        clean.lightspeedShopID = shop.isEmpty ? nil : shop
        guard !clean.name.isEmpty else { throw .nameRequired }
        guard let zone = TimeZone(identifier: clean.timeZoneID), !clean.timeZoneID.isEmpty else {
            throw .unknownTimeZone(clean.timeZoneID)
        }
        if let shop = clean.lightspeedShopID, let shopZoneID, let shopZone = TimeZone(identifier: shopZoneID),
           !StoreCalendar.sameClock(zone, shopZone, around: now) {
            throw .zoneDiffersFromShop(zone: clean.timeZoneID, shop: shop, shopZone: shopZoneID)
        }
        return clean
    }

    /// The location a counter's config names (its name, case-insensitively, or its id), among the active ones;
    /// nil (no setting) is the default location: the first one made.
    public static func resolve(_ setting: String?, in locations: [Location]) -> Location? {
        let active = locations.filter(\.active)
        guard let setting = setting?.trimmingCharacters(in: .whitespaces), !setting.isEmpty else {
            return active.min { $0.id < $1.id }
        }
        if let byName = active.first(where: { $0.name.caseInsensitiveCompare(setting) == .orderedSame }) { return byName }
        if let id = Int64(setting) { return active.first { $0.id == id } }
        return nil
    }
}
