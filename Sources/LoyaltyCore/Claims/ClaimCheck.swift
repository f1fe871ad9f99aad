import Foundation

/// Where a purchase's price on a claim came from: the Lightspeed sale line, or (a counter scan has no
/// price) the manufacturer's suggested retail from the rules. Written on the claim so a distributor
/// sees which is which.
public enum PriceSource: String, Codable, Sendable, Hashable {
    case sale, list, unknown
}

/// One punch of the card as the claim sees it: the proof of one qualifying purchase.
public struct ClaimPurchase: Codable, Sendable, Hashable {
    public var punchID: Int64
    public var upc: UPC?
    public var description: String
    public var size: String
    public var purchaseDate: LocalDate
    public var priceCents: Int?
    public var priceSource: PriceSource
    /// The Lightspeed sale (and its ticket number) or nil for a counter scan.
    public var saleID: String?
    public var receipt: String?
    /// Who rang it up: the Lightspeed employee, else the cashier who scanned it.
    public var rungUpBy: String
    public var source: PunchSource
    public var locationID: String
    /// Removed punches (a refund, a mistake) are listed for the record and never count.
    public var removed: Bool
    public var removalReason: String?

    public init(punchID: Int64, upc: UPC?, description: String, size: String = "", purchaseDate: LocalDate,
                priceCents: Int? = nil, priceSource: PriceSource = .unknown, saleID: String? = nil,
                receipt: String? = nil, rungUpBy: String = "", source: PunchSource = .counter,
                locationID: String = ClaimCheck.thisLocation, removed: Bool = false, removalReason: String? = nil) {
        self.punchID = punchID
        self.upc = upc
        self.description = description
        self.size = size
        self.purchaseDate = purchaseDate
        self.priceCents = priceCents
        self.priceSource = priceSource
        self.saleID = saleID
        self.receipt = receipt
        self.rungUpBy = rungUpBy
        self.source = source
        self.locationID = locationID
        self.removed = removed
        self.removalReason = removalReason
    }
}

/// The customer's details as the claim form needs them.
public struct ClaimCustomer: Codable, Sendable, Hashable {
    public var name: String
    public var phone: String
    public var email: String
    public var postalAddress: String

    public init(name: String, phone: String = "", email: String = "", postalAddress: String = "") {
        self.name = name
        self.phone = phone
        self.email = email
        self.postalAddress = postalAddress
    }

    public func has(_ field: ClaimField) -> Bool {
        let value: String
        switch field {
        case .name: value = name
        case .phone: value = phone
        case .email: value = email
        case .postalAddress: value = postalAddress
        }
        return !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// One rule the redemption does not meet. Each names the rule, and `denial` is the reason a
/// distributor would give for it (so the check speaks the distributor's language).
public enum ClaimRuleFailure: Codable, Sendable, Hashable, CustomStringConvertible {
    case insufficientPurchases(counted: Int, required: Int)
    case mixedGroups([String])
    case outsideWindow(first: LocalDate, last: LocalDate, months: Int)
    case excludedPurchase(UPC)
    case purchaseNotInProgram(punchID: Int64, upc: UPC?)
    case otherLocation(punchID: Int64, location: String)
    case freeItemNotInProgram(UPC)
    case freeItemExcluded(UPC)
    case freeItemWrongGroup(free: String, card: String)
    case freeItemOverCap(priceCents: Int, capCents: Int, cap: FreeItemCap)
    case priceUnknown(UPC?)
    case missingCustomerFields([ClaimField])
    case householdAlreadyRedeemed

    /// The distributor's denial reason this rule breach would earn.
    public var denial: DenialReason {
        switch self {
        case .insufficientPurchases, .excludedPurchase, .outsideWindow, .otherLocation, .householdAlreadyRedeemed:
            .insufficientQuantity
        case .mixedGroups: .multipleBrands
        case .purchaseNotInProgram, .freeItemNotInProgram, .freeItemExcluded: .itemNotInProgram
        case .freeItemWrongGroup, .freeItemOverCap: .ineligibleFreeSize
        case .priceUnknown, .missingCustomerFields: .incompleteProof
        }
    }

    public var description: String {
        switch self {
        case .insufficientPurchases(let counted, let required):
            "Only \(counted) of \(required) purchases qualify (removed, refunded, excluded or other-size punches do not count)."
        case .mixedGroups(let groups):
            "The card mixes sizes: \(groups.joined(separator: ", ")); the program requires one size group."
        case .outsideWindow(let first, let last, let months):
            "Purchases run from \(first.iso) to \(last.iso): more than the program's \(months)-month window."
        case .excludedPurchase(let upc):
            "\(upc.display) is excluded from the program (trial size or deal-priced)."
        case .purchaseNotInProgram(let id, let upc):
            "Punch \(id) (\(upc?.display ?? "no UPC")) is not an item of the manufacturer's program."
        case .otherLocation(let id, let location):
            "Punch \(id) was bought at location \(location); this program does not combine locations."
        case .freeItemNotInProgram(let upc):
            "The free item \(upc.display) is not in the manufacturer's program."
        case .freeItemExcluded(let upc):
            "The free item \(upc.display) is excluded (trial size or deal-priced)."
        case .freeItemWrongGroup(let free, let card):
            "The free item is size \(free); the card was earned on \(card)."
        case .freeItemOverCap(let price, let cap, let kind):
            "The free item is worth \(Money.display(cents: price)), more than "
                + (kind == .leastValuedBag ? "the least-valued bag bought" : "its suggested retail")
                + " (\(Money.display(cents: cap)))."
        case .priceUnknown(let upc):
            "No price is known for \(upc?.display ?? "an item"): add its suggested retail to the program's rules."
        case .missingCustomerFields(let fields):
            "The claim needs the customer's " + fields.map(\.words).joined(separator: ", ") + "."
        case .householdAlreadyRedeemed:
            "This household already redeemed a card of this program within the window (one card per household)."
        }
    }
}

extension ClaimField {
    public var words: String {
        switch self {
        case .name: "name"
        case .phone: "phone"
        case .email: "email"
        case .postalAddress: "postal address"
        }
    }
}

/// The reasons distributors deny claims (from practice), plus our own for a proof that lacks a detail.
public enum DenialReason: String, Codable, Sendable, Hashable, CaseIterable {
    case insufficientQuantity = "insufficient-purchase-quantity"
    case multipleBrands = "multiple-brands"
    case itemNotInProgram = "item-not-in-program"
    case ineligibleFreeSize = "ineligible-free-good-size"
    case incompleteProof = "incomplete-proof"
}

/// What the check found: the failures (empty: claimable), the purchases that qualify, the group the card
/// was earned on, and the amount to claim (the free item's value, within its cap).
public struct ClaimCheckResult: Codable, Sendable, Hashable {
    public var failures: [ClaimRuleFailure]
    public var qualifying: [ClaimPurchase]
    public var group: String?
    public var freeItemPriceCents: Int?
    public var capCents: Int?
    /// What the distributor is asked to credit; nil when a price is unknown.
    public var claimCents: Int?

    public var passed: Bool { failures.isEmpty }

    public init(failures: [ClaimRuleFailure], qualifying: [ClaimPurchase], group: String?, freeItemPriceCents: Int?,
                capCents: Int?, claimCents: Int?) {
        self.failures = failures
        self.qualifying = qualifying
        self.group = group
        self.freeItemPriceCents = freeItemPriceCents
        self.capCents = capCents
        self.claimCents = claimCents
    }
}

/// Everything the check needs about one redemption, gathered by the store.
public struct ClaimCheckInput: Sendable, Hashable {
    public var rules: ClaimRules
    public var punchesRequired: Int
    /// Every punch of the card, removed ones included.
    public var purchases: [ClaimPurchase]
    public var freeItem: UPC
    public var customer: ClaimCustomer
    public var locationID: String
    /// Other redeemed cards of this program at the customer's postal address within the window.
    public var householdRedemptions: Int

    public init(rules: ClaimRules, punchesRequired: Int, purchases: [ClaimPurchase], freeItem: UPC,
                customer: ClaimCustomer, locationID: String = ClaimCheck.thisLocation, householdRedemptions: Int = 0) {
        self.rules = rules
        self.punchesRequired = punchesRequired
        self.purchases = purchases
        self.freeItem = freeItem
        self.customer = customer
        self.locationID = locationID
        self.householdRedemptions = householdRedemptions
    }
}

/// The manufacturer's rules applied to one redemption, before the free item is handed over. Pure: the
/// redeem flow, the store (which records the result on the claim) and the CLI all call this.
public enum ClaimCheck {
    /// The one location of today's stores (punches and claims carry it for a chain later).
    public static let thisLocation = "main"

    public static func evaluate(_ input: ClaimCheckInput) -> ClaimCheckResult {
        let rules = input.rules
        var failures: [ClaimRuleFailure] = []
        var qualifying: [ClaimPurchase] = []
        var groups: [String] = []
        for purchase in input.purchases.sorted(by: { ($0.purchaseDate, $0.punchID) < ($1.purchaseDate, $1.punchID) })
        where !purchase.removed {
            guard let item = rules.item(purchase.upc) else {
                failures.append(.purchaseNotInProgram(punchID: purchase.punchID, upc: purchase.upc))
                continue
            }
            if item.excluded {
                failures.append(.excludedPurchase(item.upc))
                continue
            }
            if rules.scope == .location && purchase.locationID != input.locationID {
                failures.append(.otherLocation(punchID: purchase.punchID, location: purchase.locationID))
                continue
            }
            if !groups.contains(item.group) { groups.append(item.group) }
            var priced = purchase
            if priced.priceCents == nil, let list = item.suggestedRetailCents {
                priced.priceCents = list
                priced.priceSource = .list
            }
            qualifying.append(priced)
        }
        if groups.count > 1 { failures.append(.mixedGroups(groups)) }
        // The card's group: the one most of its qualifying purchases share.
        let group = groups.max { a, b in
            qualifying.count { rules.item($0.upc)?.group == a } < qualifying.count { rules.item($0.upc)?.group == b }
        }
        let inGroup = qualifying.filter { rules.item($0.upc)?.group == group }
        if inGroup.count < input.punchesRequired {
            failures.append(.insufficientPurchases(counted: inGroup.count, required: input.punchesRequired))
        }
        if let months = rules.windowMonths, let first = inGroup.first?.purchaseDate, let last = inGroup.last?.purchaseDate,
           last > first.adding(months: months) {
            failures.append(.outsideWindow(first: first, last: last, months: months))
        }
        if rules.oneCardPerHousehold && input.householdRedemptions > 0 { failures.append(.householdAlreadyRedeemed) }

        var freePrice: Int?
        var cap: Int?
        if let free = rules.item(input.freeItem) {
            if free.excluded { failures.append(.freeItemExcluded(free.upc)) }
            if let group, free.group != group { failures.append(.freeItemWrongGroup(free: free.group, card: group)) }
            freePrice = free.suggestedRetailCents
                ?? inGroup.filter { $0.upc == free.upc }.compactMap(\.priceCents).min()
            switch rules.freeItemCap {
            case .leastValuedBag:
                let prices = inGroup.map(\.priceCents)
                if prices.contains(nil) {
                    failures.append(.priceUnknown(inGroup.first { $0.priceCents == nil }?.upc))
                } else {
                    cap = prices.compactMap { $0 }.min()
                }
            case .suggestedRetail:
                cap = free.suggestedRetailCents
            }
            if freePrice == nil { failures.append(.priceUnknown(free.upc)) }
            if let freePrice, let cap, freePrice > cap {
                failures.append(.freeItemOverCap(priceCents: freePrice, capCents: cap, cap: rules.freeItemCap))
            }
        } else {
            failures.append(.freeItemNotInProgram(input.freeItem))
        }
        let missing = rules.requiredFields.filter { !input.customer.has($0) }
        if !missing.isEmpty { failures.append(.missingCustomerFields(missing)) }
        let claim = freePrice.map { price in cap.map { min(price, $0) } ?? price }
        return ClaimCheckResult(failures: failures, qualifying: qualifying, group: group, freeItemPriceCents: freePrice,
                                capCents: cap, claimCents: claim)
    }
}
