import Foundation

// The answers' shapes, as `JSONDecoder` reads them (`LenientDecoding.swift`): every scalar a `Lenient?`, every
// collection one-or-many, every relation an object or nothing. They only carry what the domain types of
// `LightspeedModels.swift` are built from; a missing ID is refused there, with the record's name.

/// A record that a list or single-record answer carries under its entity's name (`"Sale": …`).
protocol ListedRecord: Decodable {
    static var entity: String { get }
}

/// `{"@attributes": {"next": "…"}, "Sale": one-or-many}`; Lightspeed leaves the key out when there is none.
struct Envelope<Record: ListedRecord>: Decodable {
    var records: [Record]
    /// The next page's URL; "" on the last page.
    var next: String

    private struct Attributes: Decodable {
        var next: Lenient?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        records = try container.decodeIfPresent(OneOrMany<Record>.self, forKey: AnyKey(Record.entity))?.items ?? []
        next = try container.decodeIfPresent(Embedded<Attributes>.self, forKey: AnyKey("@attributes"))?.record?.next.string ?? ""
    }
}

struct AccountRecord: ListedRecord {
    static let entity = "Account"
    var accountID, name: Lenient?
}

struct ShopRecord: ListedRecord {
    static let entity = "Shop"
    var shopID, name, timeZone: Lenient?
}

struct ItemRecord: ListedRecord {
    static let entity = "Item"
    var itemID, description, upc, ean, customSku, manufacturerSku, systemSku, archived: Lenient?
}

struct PhoneRecord: WrappedElement {
    static let wrapperKey = "ContactPhone"
    var number, useType: Lenient?
}

struct EmailRecord: WrappedElement {
    static let wrapperKey = "ContactEmail"
    var address: Lenient?
}

struct ContactRecord: Decodable {
    var phones: Wrapped<PhoneRecord>?
    var emails: Wrapped<EmailRecord>?

    enum CodingKeys: String, CodingKey {
        case phones = "Phones", emails = "Emails"
    }
}

struct CustomerRecord: ListedRecord {
    static let entity = "Customer"
    var customerID, firstName, lastName, company, archived: Lenient?
    var contact: Embedded<ContactRecord>?

    enum CodingKeys: String, CodingKey {
        case customerID, firstName, lastName, company, archived
        case contact = "Contact"
    }
}

struct SaleLineRecord: WrappedElement {
    static let wrapperKey = "SaleLine"
    var saleLineID, saleID, itemID, unitQuantity, parentSaleLineID, unitPrice, calcSubtotal, displayableSubtotal,
        calcLineDiscount, calcTransactionDiscount, createTime, lineType, isLayaway, isSpecialOrder, isWorkorder,
        shopID: Lenient?
    var item: Embedded<ItemRecord>?

    enum CodingKeys: String, CodingKey {
        case saleLineID, saleID, itemID, unitQuantity, parentSaleLineID, unitPrice, calcSubtotal, displayableSubtotal,
             calcLineDiscount, calcTransactionDiscount, createTime, lineType, isLayaway, isSpecialOrder, isWorkorder,
             shopID
        case item = "Item"
    }
}

struct SaleRecord: ListedRecord {
    static let entity = "Sale"
    /// `updatetime` and `updateTime`: the API has spelled it both ways.
    var saleID, completed, voided, completeTime, createTime, updatetime, updateTime, customerID, employeeID,
        registerID, shopID, ticketNumber, calcSubtotal, displayableSubtotal, calcTotal, total: Lenient?
    var saleLines: Wrapped<SaleLineRecord>?
    var customer: Embedded<CustomerRecord>?

    enum CodingKeys: String, CodingKey {
        case saleID, completed, voided, completeTime, createTime, updatetime, updateTime, customerID, employeeID,
             registerID, shopID, ticketNumber, calcSubtotal, displayableSubtotal, calcTotal, total
        case saleLines = "SaleLines", customer = "Customer"
    }
}

/// The token endpoint's success body. Never logged: it holds the tokens.
struct TokenAnswer: Decodable {
    var accessToken, refreshToken, expiresIn: Lenient?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", expiresIn = "expires_in"
    }
}

/// A refusal's body: OAuth's (`error`, `error_description`, `hint`) or the API's (`message`).
struct ErrorAnswer: Decodable {
    var error, errorDescription, hint, message: Lenient?

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description", hint, message
    }
}

/// The button's signing keys (JWKS): `{"keys": [{"kty": "RSA", "kid": …, "n": …, "e": …}]}`.
struct KeySet: Decodable {
    struct Key: Decodable {
        var kty, kid, n, e: Lenient?
    }

    var keys: OneOrMany<Key>?
}
