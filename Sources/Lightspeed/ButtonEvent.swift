import Foundation

/// A verified click on the store's Lightspeed custom button: which sale (or refund) the cashier is on.
public struct ButtonEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case sale
        case refund
    }

    public var kind: Kind
    /// The `type` parameter as sent (the refund tab's value is undocumented; kept for the audit log).
    public var rawType: String
    public var accountID: String
    public var saleID: String
    /// nil when no customer is attached to the sale (`customerID=0`).
    public var customerID: String?
    public var employeeID: String?
    public var registerID: String?
    public var shopID: String?
    /// `systemUserID` (or `userID`, as one page of the docs spells it).
    public var systemUserID: String?
    /// Where to send the cashier back to the register.
    public var returnURL: URL?
    public var expiresAt: Date

    public init(kind: Kind, rawType: String, accountID: String, saleID: String, customerID: String?,
                employeeID: String?, registerID: String?, shopID: String?, systemUserID: String?,
                returnURL: URL?, expiresAt: Date) {
        self.kind = kind
        self.rawType = rawType
        self.accountID = accountID
        self.saleID = saleID
        self.customerID = customerID
        self.employeeID = employeeID
        self.registerID = registerID
        self.shopID = shopID
        self.systemUserID = systemUserID
        self.returnURL = returnURL
        self.expiresAt = expiresAt
    }
}

/// Why a button request was refused; the listener answers with `httpStatus` and audits `description`.
public enum ButtonRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case missingFields([String])
    case unsupportedAlgorithm(String)
    case badExpiry(String)
    case expired
    case unknownKey(String)
    /// The JWKS could not be fetched or read.
    case keysUnavailable(detail: String)
    case badSignature
    case wrongAccount(String)
    /// This exact signed URL was already accepted once.
    case replayed
    case unsupportedType(String)

    public var description: String {
        switch self {
        case .missingFields(let names): return "Button request refused: missing \(names.joined(separator: ", "))."
        case .unsupportedAlgorithm(let alg): return "Button request refused: unsupported signature algorithm \(alg)."
        case .badExpiry(let value): return "Button request refused: unreadable expiry \(value)."
        case .expired: return "Button request refused: the link has expired. Press the button in Lightspeed again."
        case .unknownKey(let kid): return "Button request refused: unknown signing key \(kid)."
        case .keysUnavailable: return "Button request refused: Lightspeed's signing keys could not be fetched. Check the internet connection."
        case .badSignature: return "Button request refused: the signature does not match."
        case .wrongAccount(let id): return "Button request refused: it is for Lightspeed account \(id), not the connected one."
        case .replayed: return "Button request refused: this link was already used. Press the button in Lightspeed again."
        case .unsupportedType(let type): return "Button request refused: unsupported screen type \(type)."
        }
    }

    /// The status the listener answers with.
    public var httpStatus: Int {
        switch self {
        case .missingFields, .badExpiry, .unsupportedAlgorithm, .unsupportedType: return 400
        case .expired, .unknownKey, .badSignature: return 401
        case .wrongAccount: return 403
        case .replayed: return 409
        case .keysUnavailable: return 503
        }
    }
}
