import Foundation

/// Everything a distributor needs to accept one redemption's claim without a phone call, frozen when
/// the card is redeemed (and again when a denied claim is corrected): the store and its account number,
/// the program, the customer, each qualifying purchase, the free item and the check's results.
public struct ClaimProof: Codable, Sendable, Hashable {
    public var storeName: String
    public var storeAddress: String
    public var locationID: String
    public var distributor: String
    public var distributorAccount: String
    public var program: String
    public var manufacturer: String
    public var ruleVersion: Int?
    public var customer: ClaimCustomer
    public var purchases: [ClaimPurchase]
    public var freeItemUPC: UPC
    public var freeItemDescription: String
    public var freeItemSize: String
    public var freeItemPriceCents: Int?
    public var redeemedOn: LocalDate
    public var redeemedBy: String
    public var check: ClaimCheckResult
    /// The manager who let a failed check through as an exception, if any.
    public var exceptionBy: String?

    public init(storeName: String, storeAddress: String, locationID: String, distributor: String,
                distributorAccount: String, program: String, manufacturer: String, ruleVersion: Int?,
                customer: ClaimCustomer, purchases: [ClaimPurchase], freeItemUPC: UPC, freeItemDescription: String,
                freeItemSize: String, freeItemPriceCents: Int?, redeemedOn: LocalDate, redeemedBy: String,
                check: ClaimCheckResult, exceptionBy: String? = nil) {
        self.storeName = storeName
        self.storeAddress = storeAddress
        self.locationID = locationID
        self.distributor = distributor
        self.distributorAccount = distributorAccount
        self.program = program
        self.manufacturer = manufacturer
        self.ruleVersion = ruleVersion
        self.customer = customer
        self.purchases = purchases
        self.freeItemUPC = freeItemUPC
        self.freeItemDescription = freeItemDescription
        self.freeItemSize = freeItemSize
        self.freeItemPriceCents = freeItemPriceCents
        self.redeemedOn = redeemedOn
        self.redeemedBy = redeemedBy
        self.check = check
        self.exceptionBy = exceptionBy
    }
}

/// How a redemption is funded, chosen at the counter when the check speaks: a claim (the check passed),
/// a claim despite a failed rule on a manager's word, or the store pays (never claimed).
public enum RedemptionFunding: String, Codable, Sendable, Hashable, CaseIterable {
    case claim, managerException = "manager-exception", storeFunded = "store-funded"
}

extension CustomerRules {
    public static let maxPostalAddressLength = 200

    /// A postal address as typed (one line, commas between parts): trimmed, single spaces, no control
    /// characters; empty is allowed (most programs do not ask for it).
    public static func postalAddress(_ raw: String) throws(PostalAddressError) -> String {
        let text = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .controlCharacters
        }
        guard text.count <= maxPostalAddressLength else { throw .tooLong(max: maxPostalAddressLength) }
        return text
    }
}

public enum PostalAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    case controlCharacters, tooLong(max: Int)
    public var description: String {
        switch self {
        case .controlCharacters: "The postal address contains characters that cannot be shown."
        case .tooLong(let max): "The postal address is too long (at most \(max) characters)."
        }
    }
}
