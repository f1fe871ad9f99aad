import Foundation

/// A customer detail (on the claim form) a manufacturer's claim form asks for. Which ones a program requires is part of
/// its rules; the redeem flow asks for the missing ones before the free item is handed over.
public enum ClaimField: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case name, phone, email, postalAddress = "postal-address"

    public static func < (a: ClaimField, b: ClaimField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What the free item may be worth: no more than the least-valued bag bought on the card, or no more
/// than its suggested retail price (the manufacturer's list).
public enum FreeItemCap: String, Codable, Sendable, CaseIterable, Hashable {
    case leastValuedBag = "least-valued-bag"
    case suggestedRetail = "suggested-retail"
}

/// Where the card's purchases may come from: this location only, or any location of the chain.
/// There is one location today; the field is stored so a chain's claims are judged right later.
public enum ClaimScope: String, Codable, Sendable, CaseIterable, Hashable {
    case location, chain
}

/// One UPC as the manufacturer's program sees it: its size or species/weight group (purchases and the
/// free item must share one), its suggested retail price, and whether it is excluded (trial sizes,
/// deal-priced bags).
public struct ClaimItemRule: Codable, Sendable, Hashable {
    public var upc: UPC
    public var group: String
    public var suggestedRetailCents: Int?
    public var excluded: Bool

    public init(upc: UPC, group: String, suggestedRetailCents: Int? = nil, excluded: Bool = false) {
        self.upc = upc
        self.group = group
        self.suggestedRetailCents = suggestedRetailCents
        self.excluded = excluded
    }
}

/// A program's manufacturer-reimbursement rules, as data an admin sets. Stored as immutable versions
/// (`ClaimRuleSet`): a redemption is judged by the version in force when its card was completed.
public struct ClaimRules: Codable, Sendable, Hashable {
    /// Per UPC: group, suggested retail, excluded. A UPC not listed here is not in the manufacturer's program.
    public var items: [ClaimItemRule]
    public var freeItemCap: FreeItemCap
    /// Months from the first to the last qualifying purchase; nil: no window.
    public var windowMonths: Int?
    public var scope: ClaimScope
    /// One redeemed card per household (same postal address) within the window.
    public var oneCardPerHousehold: Bool
    /// What the claim form needs about the customer (name is always asked by the form itself).
    public var requiredFields: [ClaimField]
    /// Who the claim goes to, and the store's account number there.
    public var distributor: String
    public var distributorAccount: String
    /// Days after the redemption by which the claim must reach the distributor.
    public var claimDeadlineDays: Int

    public init(items: [ClaimItemRule] = [], freeItemCap: FreeItemCap = .leastValuedBag, windowMonths: Int? = nil,
                scope: ClaimScope = .location, oneCardPerHousehold: Bool = false,
                requiredFields: [ClaimField] = [.name, .phone, .postalAddress], distributor: String = "",
                distributorAccount: String = "", claimDeadlineDays: Int = 60) {
        self.items = items
        self.freeItemCap = freeItemCap
        self.windowMonths = windowMonths
        self.scope = scope
        self.oneCardPerHousehold = oneCardPerHousehold
        self.requiredFields = requiredFields
        self.distributor = distributor
        self.distributorAccount = distributorAccount
        self.claimDeadlineDays = claimDeadlineDays
    }

    public func item(_ upc: UPC?) -> ClaimItemRule? {
        guard let upc else { return nil }
        return items.first { $0.upc == upc }
    }

    /// Refuses rules a claim could not be built on: no distributor, a negative deadline, a UPC twice.
    public func validated() throws(ClaimRulesProblem) -> ClaimRules {
        var clean = self
        clean.distributor = distributor.trimmingCharacters(in: .whitespaces)
        clean.distributorAccount = distributorAccount.trimmingCharacters(in: .whitespaces)
        guard !clean.distributor.isEmpty else { throw .noDistributor }
        guard !clean.distributorAccount.isEmpty else { throw .noAccountNumber }
        guard (1...3650).contains(claimDeadlineDays) else { throw .badDeadline(claimDeadlineDays) }
        if let months = windowMonths, !(1...120).contains(months) { throw .badWindow(months) }
        var seen = Set<UPC>()
        for item in items {
            guard seen.insert(item.upc).inserted else { throw .upcTwice(item.upc) }
            guard !item.group.trimmingCharacters(in: .whitespaces).isEmpty else { throw .noGroup(item.upc) }
            if let cents = item.suggestedRetailCents, cents < 0 { throw .negativePrice(item.upc) }
        }
        clean.requiredFields = Array(Set(requiredFields)).sorted()
        return clean
    }
}

/// Why a rule set was refused, in words an admin can act on.
public enum ClaimRulesProblem: Error, Hashable, Sendable, CustomStringConvertible {
    case noDistributor, noAccountNumber, badDeadline(Int), badWindow(Int), upcTwice(UPC), noGroup(UPC)
    case negativePrice(UPC)

    public var description: String {
        switch self {
        case .noDistributor: "Name the distributor the claims go to."
        case .noAccountNumber: "Give the store's account number at the distributor."
        case .badDeadline(let d): "The claim deadline is 1 to 3650 days after the redemption (got \(d))."
        case .badWindow(let m): "The completion window is 1 to 120 months, or none (got \(m))."
        case .upcTwice(let upc): "\(upc.display) is listed twice."
        case .noGroup(let upc): "\(upc.display) needs a size or weight group."
        case .negativePrice(let upc): "\(upc.display) has a negative suggested retail price."
        }
    }
}

/// One version of a program's rules. Versions are never changed: a change is a new version.
public struct ClaimRuleSet: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var programID: Int64
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var rules: ClaimRules

    public init(id: Int64, programID: Int64, version: Int, createdAt: Date, createdBy: String, rules: ClaimRules) {
        self.id = id
        self.programID = programID
        self.version = version
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.rules = rules
    }

    /// The version a card completed at `completedAt` was earned under: the newest created by then, else
    /// the oldest (rules written after the card filled are the best evidence there is).
    public static func inForce(_ sets: [ClaimRuleSet], at completedAt: Date?) -> ClaimRuleSet? {
        let ordered = sets.sorted { $0.version < $1.version }
        guard let completedAt else { return ordered.last }
        return ordered.last { $0.createdAt <= completedAt } ?? ordered.first
    }
}

extension LocalDate {
    /// This date `months` later, on the same day or the month's last day (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> LocalDate {
        let total = (year * 12 + (month - 1)) + months
        let y = total / 12, m = total % 12 + 1
        var d = day
        while LocalDate(year: y, month: m, day: d) == nil { d -= 1 }
        return LocalDate(year: y, month: m, day: d)!
    }
}
