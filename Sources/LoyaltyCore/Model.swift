import Foundation

/// Who may do what. Ordered: an admin may do all a manager may, a manager all a cashier may.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case cashier, manager, admin

    private var rank: Int {
        switch self {
        case .cashier: 0
        case .manager: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role is allowed what `required` is allowed.
    public func permits(_ required: Role) -> Bool { self >= required }
}

/// Where a punch came from. Drawn differently on the card and decides Today's Purchases.
public enum PunchSource: String, Codable, Sendable, CaseIterable {
    /// Scanned or typed at checkout.
    case counter
    /// The Lightspeed button during a sale.
    case realtime
    /// Import History.
    case `import`
    /// Forced onto a card by a manager although the program's list does not qualify it.
    case exception
    /// Converted from a customer's paper card.
    case paper

    /// Imported and paper punches happened in the past: they are never Today's Purchases.
    public var countsAsTodaysPurchase: Bool {
        switch self {
        case .counter, .realtime, .exception: true
        case .import, .paper: false
        }
    }
}

/// A card's life: open until N punches, complete (reward earned), redeemed (reward given).
public enum CardState: String, Codable, Sendable, CaseIterable {
    case open, complete, redeemed
}

/// A customer ("pet owner"). Phone is kept as digits only, email lower-cased, so that both identify.
public struct Customer: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    /// Digits only, or nil.
    public var phone: String?
    /// Lower-cased, or nil.
    public var email: String?
    public var notes: String
    /// The linked Lightspeed `customerID`, or nil when not linked.
    public var lightspeedCustomerID: String?
    /// When a cashier last pressed the Lightspeed button for this customer.
    public var lastRealtimeImport: Date?
    /// Set when a manager combined this customer into another: it no longer shows in lookup.
    public var mergedInto: Int64?
    public var createdAt: Date

    public init(id: Int64 = 0, firstName: String, lastName: String, phone: String? = nil, email: String? = nil,
                notes: String = "", lightspeedCustomerID: String? = nil, lastRealtimeImport: Date? = nil,
                mergedInto: Int64? = nil, createdAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
        self.notes = notes
        self.lightspeedCustomerID = lightspeedCustomerID
        self.lastRealtimeImport = lastRealtimeImport
        self.mergedInto = mergedInto
        self.createdAt = createdAt
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

/// A customer's pet. Optional detail the counter likes to greet by name.
public struct Pet: Codable, Sendable, Hashable {
    public var name: String
    public var species: String
    public init(name: String, species: String) {
        self.name = name
        self.species = species
    }
}

/// A frequent-buyer program: buy N, the next one is free.
public struct Program: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var name: String
    public var manufacturer: String
    /// N: how many punches fill a card.
    public var punchesRequired: Int
    /// Shown to the cashier, e.g. "lesser or equal value free".
    public var rewardRule: String
    /// Optional completion window in months (informational: shown on the card).
    public var completionWindowMonths: Int?
    public var active: Bool
    /// Where its items earn punches: the whole chain (default) or one location (`LocationRules`).
    public var scope: ProgramScope = .chain

    public init(id: Int64 = 0, name: String, manufacturer: String, punchesRequired: Int, rewardRule: String,
                completionWindowMonths: Int? = nil, active: Bool = true, scope: ProgramScope = .chain) {
        self.scope = scope
        self.id = id
        self.name = name
        self.manufacturer = manufacturer
        self.punchesRequired = punchesRequired
        self.rewardRule = rewardRule
        self.completionWindowMonths = completionWindowMonths
        self.active = active
    }
}

/// One qualifying product of a program. A UPC belongs to at most one program.
public struct ProgramItem: Codable, Sendable, Hashable {
    public var programID: Int64
    public var upc: UPC
    public var description: String
    public var size: String

    public init(programID: Int64, upc: UPC, description: String, size: String = "") {
        self.programID = programID
        self.upc = upc
        self.description = description
        self.size = size
    }
}

/// One customer's progress on one program.
public struct Card: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var customerID: Int64
    public var programID: Int64
    public var state: CardState
    public var createdAt: Date
    public var completedAt: Date?
    public var redeemedAt: Date?
    public var redeemedBy: String?
    /// The free item given, when redeemed.
    public var rewardUPC: UPC?
    public var note: String
    /// When this card was made by splitting another.
    public var splitFrom: Int64?

    public init(id: Int64 = 0, customerID: Int64, programID: Int64, state: CardState = .open,
                createdAt: Date = Date(timeIntervalSince1970: 0), completedAt: Date? = nil, redeemedAt: Date? = nil,
                redeemedBy: String? = nil, rewardUPC: UPC? = nil, note: String = "", splitFrom: Int64? = nil) {
        self.id = id
        self.customerID = customerID
        self.programID = programID
        self.state = state
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.redeemedAt = redeemedAt
        self.redeemedBy = redeemedBy
        self.rewardUPC = rewardUPC
        self.note = note
        self.splitFrom = splitFrom
    }
}

/// Why a punch no longer counts. The punch itself is kept.
public struct PunchRemoval: Codable, Sendable, Hashable {
    public var removedAt: Date
    public var removedBy: String
    public var reason: String
    public init(removedAt: Date, removedBy: String, reason: String) {
        self.removedAt = removedAt
        self.removedBy = removedBy
        self.reason = reason
    }
}

/// One unit of one qualifying purchase on one card.
public struct Punch: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var cardID: Int64
    public var upc: UPC?
    public var itemDescription: String
    /// The store's local calendar date of the purchase.
    public var purchaseDate: LocalDate
    public var source: PunchSource
    public var recordedBy: String
    public var recordedAt: Date
    /// Lightspeed sale and sale-line IDs, when the punch came from Lightspeed.
    public var saleID: String?
    public var saleLineID: String?
    /// For exceptions: the reason given.
    public var exceptionReason: String?
    public var removal: PunchRemoval?
    /// The punches one scan recorded share this (the first one's id); nil: a scan of one unit.
    public var scanID: Int64?

    public init(id: Int64 = 0, cardID: Int64, upc: UPC?, itemDescription: String, purchaseDate: LocalDate,
                source: PunchSource, recordedBy: String, recordedAt: Date, saleID: String? = nil,
                saleLineID: String? = nil, exceptionReason: String? = nil, removal: PunchRemoval? = nil,
                scanID: Int64? = nil) {
        self.id = id
        self.cardID = cardID
        self.upc = upc
        self.itemDescription = itemDescription
        self.purchaseDate = purchaseDate
        self.source = source
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.saleID = saleID
        self.saleLineID = saleLineID
        self.exceptionReason = exceptionReason
        self.removal = removal
        self.scanID = scanID
    }

    /// A removed punch is kept for history but no longer counts toward its card.
    public var counts: Bool { removal == nil }
}

/// Why points moved. The balance is the sum of a customer's entries.
public enum PointsKind: String, Codable, Sendable, CaseIterable {
    case sale, refund, reward, `import`, adjustment
}

/// One +/− line of a customer's points ledger.
public struct PointsEntry: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var customerID: Int64
    public var delta: Int
    public var kind: PointsKind
    public var reason: String
    public var saleID: String?
    public var createdAt: Date
    public var createdBy: String

    public init(id: Int64 = 0, customerID: Int64, delta: Int, kind: PointsKind, reason: String = "",
                saleID: String? = nil, createdAt: Date, createdBy: String) {
        self.id = id
        self.customerID = customerID
        self.delta = delta
        self.kind = kind
        self.reason = reason
        self.saleID = saleID
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A store user. Secrets never live in this value: only their hashes, in the store.
public struct User: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    public var disabled: Bool
    /// Locked after too many wrong secrets until then (nil: not locked now). Users lists show it, so an
    /// admin can see why a manager cannot sign in, and clear it.
    public var lockedUntil: Date?
    public init(id: Int64 = 0, username: String, displayName: String, role: Role, disabled: Bool = false,
                lockedUntil: Date? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.disabled = disabled
        self.lockedUntil = lockedUntil
    }
}

/// A program item's description and size before and after a change, in the words the admin confirms and
/// the audit log keeps: "“MeNow 12 lb” (12 lb) → “MeNow Munchies 12 lb” (12 lb)".
public struct ProgramItemChange: Hashable, Sendable {
    public var old: ProgramItem
    public var new: ProgramItem

    public init(old: ProgramItem, new: ProgramItem) {
        self.old = old
        self.new = new
    }

    public var changesSomething: Bool { old.description != new.description || old.size != new.size }

    public var text: String { "\(Self.words(old)) → \(Self.words(new))" }

    static func words(_ item: ProgramItem) -> String {
        "“\(item.description)”" + (item.size.isEmpty ? "" : " (\(item.size))")
    }
}
