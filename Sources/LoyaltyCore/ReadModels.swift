import Foundation

// The store's answers as the screens read them: plain values, defined here so the view-models and the
// renderer use them without importing `LoyaltyStore` (which fills them; its SQL stays its own).

/// One card with all its punches, removed ones included (struck through in the history).
public struct CardDetail: Sendable, Hashable, Identifiable {
    public var card: Card
    /// Oldest first, removed ones included; empty when `punchesRead` is false.
    public var punches: [Punch]
    /// False for a redeemed card read without its punches (the checkout hides redeemed cards until asked, and
    /// a long-time customer's redeemed cards hold most of their punches): its count of counting punches is
    /// known, its punches are not — nothing may take the empty list for the card's history.
    public private(set) var punchesRead: Bool
    private var countedUnread: Int
    public var id: Int64 { card.id }
    /// Punches that count toward N.
    public var countingPunches: Int { punchesRead ? punches.filter(\.counts).count : countedUnread }

    public init(card: Card, punches: [Punch]) {
        self.card = card
        self.punches = punches
        punchesRead = true
        countedUnread = 0
    }

    /// A card read without its punches: only how many count.
    public init(card: Card, countingPunches: Int) {
        self.card = card
        punches = []
        punchesRead = false
        countedUnread = countingPunches
    }
}

/// A program and the customer's cards of it, oldest first.
public struct ProgramCards: Sendable, Hashable {
    public var program: Program
    public var cards: [CardDetail]

    public init(program: Program, cards: [CardDetail]) {
        self.program = program
        self.cards = cards
    }
}

/// Everything the checkout screen shows for one customer, read in one snapshot.
public struct CustomerDetail: Sendable, Hashable {
    public var customer: Customer
    /// Set when the requested ID was merged into `customer`.
    public var requestedID: Int64
    public var pets: [Pet]
    /// Programs the customer has cards in, by program name.
    public var programs: [ProgramCards]
    public var pointsBalance: Int
    /// The store's date today.
    public var today: LocalDate
    /// Counting punches bought today at the counter, by the button or as exceptions.
    public var todaysPurchases: [Punch]

    public init(customer: Customer, requestedID: Int64, pets: [Pet], programs: [ProgramCards], pointsBalance: Int,
                today: LocalDate, todaysPurchases: [Punch]) {
        self.customer = customer
        self.requestedID = requestedID
        self.pets = pets
        self.programs = programs
        self.pointsBalance = pointsBalance
        self.today = today
        self.todaysPurchases = todaysPurchases
    }
}

/// One row of the lookup table: who, how to reach them, and where their cards stand.
public struct CustomerSummary: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var email: String?
    public var lightspeedCustomerID: String?
    public var openCards: Int
    /// Complete cards: rewards earned and not yet given.
    public var rewardsReady: Int
    public var pointsBalance: Int

    public var fullName: String { "\(firstName) \(lastName)" }

    /// How many rows a lookup returns at most (the best matches): a screen says "more" at this count.
    public static let searchPageSize = 50

    public init(id: Int64, firstName: String, lastName: String, phone: String?, email: String?,
                lightspeedCustomerID: String?, openCards: Int, rewardsReady: Int, pointsBalance: Int) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
        self.lightspeedCustomerID = lightspeedCustomerID
        self.openCards = openCards
        self.rewardsReady = rewardsReady
        self.pointsBalance = pointsBalance
    }
}

/// An existing customer who may be the one being added: why the store thinks so.
public struct DuplicateCandidate: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable, Codable {
        case samePhone, sameEmail, sameName, similarName
    }
    public var customer: Customer
    public var reasons: [Reason]

    public init(customer: Customer, reasons: [Reason]) {
        self.customer = customer
        self.reasons = reasons
    }
}

/// Two customers who are probably one person, for the "combine duplicates" screen.
public struct DuplicatePair: Sendable, Hashable {
    public var first: CustomerSummary
    public var second: CustomerSummary
    public var reasons: [DuplicateCandidate.Reason]

    public init(first: CustomerSummary, second: CustomerSummary, reasons: [DuplicateCandidate.Reason]) {
        self.first = first
        self.second = second
        self.reasons = reasons
    }
}

/// One line of the append-only audit trail: who (and which manager approved), when, what.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var at: Date
    public var username: String
    public var role: String
    public var approver: String?
    public var action: String
    public var customerID: Int64?
    /// In words, "before → after", for a manager to read.
    public var summary: String
    /// A JSON object with the exact values (IDs, UPCs, counts).
    public var details: String
    /// The name of the location where it happened (v10-locations); nil only for a store that has none.
    public var location: String?

    public init(id: Int64, at: Date, username: String, role: String, approver: String?, action: String,
                customerID: Int64?, summary: String, details: String, location: String? = nil) {
        self.location = location
        self.id = id
        self.at = at
        self.username = username
        self.role = role
        self.approver = approver
        self.action = action
        self.customerID = customerID
        self.summary = summary
        self.details = details
    }
}
