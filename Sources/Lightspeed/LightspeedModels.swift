import Foundation
import LoyaltyCore

/// The Lightspeed account the token belongs to: its ID prefixes every API path.
public struct LightspeedAccount: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    init(record: AccountRecord) throws(LightspeedError) {
        guard let id = record.accountID.link else { throw .malformedResponse(detail: "Account without accountID") }
        self.init(id: id, name: record.name.string)
    }
}

/// A Lightspeed item as far as loyalty cares: the codes a punch card program can match on and its name.
public struct LightspeedItem: Sendable, Equatable {
    public var id: String
    public var description: String
    /// `upc` as sent, often `""` when the store only filled in the EAN or a custom SKU.
    public var upc: String
    public var ean: String
    public var customSku: String
    public var manufacturerSku: String
    public var systemSku: String
    public var archived: Bool

    public init(id: String, description: String, upc: String = "", ean: String = "", customSku: String = "",
                manufacturerSku: String = "", systemSku: String = "", archived: Bool = false) {
        self.id = id
        self.description = description
        self.upc = upc
        self.ean = ean
        self.customSku = customSku
        self.manufacturerSku = manufacturerSku
        self.systemSku = systemSku
        self.archived = archived
    }

    /// An item as one JSON object, e.g. `{"itemID": "12", "upc": "012345678905", …}`.
    public init(json: Data) throws(LightspeedError) {
        try self.init(record: LightspeedBody.decode(ItemRecord.self, from: json))
    }

    init(record: ItemRecord) throws(LightspeedError) {
        guard let id = record.itemID.link else { throw .malformedResponse(detail: "Item without itemID") }
        self.init(id: id, description: record.description.string, upc: record.upc.string, ean: record.ean.string,
                  customSku: record.customSku.string, manufacturerSku: record.manufacturerSku.string,
                  systemSku: record.systemSku.string, archived: record.archived.flag)
    }

    /// The barcode to match programs on (`UPC.fromLightspeedItem`: the UPC, else the EAN, else a custom SKU
    /// that parses as a GTIN; 11 digits is a UPC-A whose leading zero was lost).
    public var barcode: UPC? { UPC.fromLightspeedItem(upc: upc, ean: ean, customSku: customSku) }

    /// Every non-empty code, most trusted first (the spec's fallback order).
    public var codes: [String] {
        [upc, ean, customSku, systemSku].filter { !$0.isEmpty }
    }
}

/// A phone number as Lightspeed keeps it: free text plus its use (Home, Work, Mobile, Pager, Fax).
public struct LightspeedPhone: Sendable, Equatable {
    public var number: String
    public var useType: String

    public init(number: String, useType: String) {
        self.number = number
        self.useType = useType
    }

    /// Digits only, for matching "360 555 2453" against "(360) 555-2453".
    public var digits: String { number.filter(\.isNumber) }
}

/// A Lightspeed customer with the contact details lookup and linking need.
public struct LightspeedCustomer: Sendable, Equatable {
    public var id: String
    public var firstName: String
    public var lastName: String
    public var company: String
    public var archived: Bool
    public var phones: [LightspeedPhone]
    public var emails: [String]

    public init(id: String, firstName: String, lastName: String, company: String = "", archived: Bool = false,
                phones: [LightspeedPhone] = [], emails: [String] = []) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.archived = archived
        self.phones = phones
        self.emails = emails
    }

    /// A customer as one JSON object, with or without its `Contact`.
    public init(json: Data) throws(LightspeedError) {
        try self.init(record: LightspeedBody.decode(CustomerRecord.self, from: json))
    }

    init(record: CustomerRecord) throws(LightspeedError) {
        guard let id = record.customerID.link else { throw .malformedResponse(detail: "Customer without customerID") }
        let contact = record.contact?.record
        let phones = (contact?.phones?.items ?? []).compactMap { phone -> LightspeedPhone? in
            let number = phone.number.string
            return number.isEmpty ? nil : LightspeedPhone(number: number, useType: phone.useType.string)
        }
        let emails = (contact?.emails?.items ?? []).map(\.address.string).filter { !$0.isEmpty }
        self.init(id: id, firstName: record.firstName.string, lastName: record.lastName.string,
                  company: record.company.string, archived: record.archived.flag, phones: phones, emails: emails)
    }

    public var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The number to show: mobile first, then home, then any.
    public var phone: String? {
        (phones.first { $0.useType == "Mobile" } ?? phones.first { $0.useType == "Home" } ?? phones.first)?.number
    }

    /// The primary email, else any.
    public var email: String? {
        emails.first
    }
}

/// One line of a Lightspeed sale; refund lines have a negative quantity and point at the line they refund.
public struct LightspeedSaleLine: Sendable, Equatable {
    public var id: String
    public var saleID: String
    /// nil for a misc line (`itemID` `"0"`).
    public var itemID: String?
    /// Units; negative on a refund.
    public var quantity: Int
    /// The refunded line, on refund lines.
    public var parentSaleLineID: String?
    public var unitPriceCents: Int
    /// `calcSubtotal`: the line's amount before tax and **before discounts**.
    public var subtotalCents: Int
    /// The line's amount after its own and its share of the sale's discount: `calcSubtotal` −
    /// `calcLineDiscount` − `calcTransactionDiscount`, else `displayableSubtotal` (after the line's discount).
    /// What anything "per dollar spent" is computed on.
    public var discountedSubtotalCents: Int
    public var createTime: Date?
    /// `lineType`: "" for an ordinary line; `item_fee` / `item_fee_refund` for a fee attached to an item's line
    /// (whose `parentSaleLineID` then points at that item's line, not at a refunded line).
    public var lineType: String
    /// `isLayaway`, `isSpecialOrder`, `isWorkorder`: the goods stay in the store (such a line can later move
    /// to the sale that hands them over).
    public var isLayaway: Bool
    public var isSpecialOrder: Bool
    public var isWorkorder: Bool
    public var shopID: String?
    /// Loaded with `SaleLines.Item`; nil on misc lines.
    public var item: LightspeedItem?

    public init(id: String, saleID: String, itemID: String?, quantity: Int, parentSaleLineID: String? = nil,
                unitPriceCents: Int = 0, subtotalCents: Int = 0, discountedSubtotalCents: Int? = nil,
                createTime: Date? = nil, lineType: String = "", isLayaway: Bool = false, isSpecialOrder: Bool = false,
                isWorkorder: Bool = false, shopID: String? = nil, item: LightspeedItem? = nil) {
        self.id = id
        self.saleID = saleID
        self.itemID = itemID
        self.quantity = quantity
        self.parentSaleLineID = parentSaleLineID
        self.unitPriceCents = unitPriceCents
        self.subtotalCents = subtotalCents
        self.discountedSubtotalCents = discountedSubtotalCents ?? subtotalCents
        self.createTime = createTime
        self.lineType = lineType
        self.isLayaway = isLayaway
        self.isSpecialOrder = isSpecialOrder
        self.isWorkorder = isWorkorder
        self.shopID = shopID
        self.item = item
    }

    /// A sale line as one JSON object; `saleID` stands in when the line does not name its sale.
    public init(json: Data, saleID: String) throws(LightspeedError) {
        try self.init(record: LightspeedBody.decode(SaleLineRecord.self, from: json), saleID: saleID)
    }

    init(record: SaleLineRecord, saleID: String) throws(LightspeedError) {
        guard let id = record.saleLineID.link else { throw .malformedResponse(detail: "SaleLine without saleLineID") }
        let quantityText = record.unitQuantity.string
        guard let quantity = Int(quantityText) ?? Decimal(string: quantityText).map({ NSDecimalNumber(decimal: $0).intValue })
        else { throw .malformedResponse(detail: "SaleLine \(id) has unitQuantity \(quantityText)") }
        var item: LightspeedItem?
        if let itemRecord = record.item?.record { item = try LightspeedItem(record: itemRecord) }
        let calcSubtotal = LightspeedMoney.cents(record.calcSubtotal.string)
        let displayable = LightspeedMoney.cents(record.displayableSubtotal.string)
        let discounted: Int?
        if let calcSubtotal {
            discounted = calcSubtotal - (LightspeedMoney.cents(record.calcLineDiscount.string) ?? 0)
                - (LightspeedMoney.cents(record.calcTransactionDiscount.string) ?? 0)
        } else {
            discounted = displayable
        }
        self.init(id: id, saleID: record.saleID.link ?? saleID, itemID: record.itemID.link, quantity: quantity,
                  parentSaleLineID: record.parentSaleLineID.link,
                  unitPriceCents: LightspeedMoney.cents(record.unitPrice.string) ?? 0,
                  subtotalCents: calcSubtotal ?? displayable ?? 0, discountedSubtotalCents: discounted ?? 0,
                  createTime: LightspeedDate.parse(record.createTime.string), lineType: record.lineType.string,
                  isLayaway: record.isLayaway.flag, isSpecialOrder: record.isSpecialOrder.flag,
                  isWorkorder: record.isWorkorder.flag, shopID: record.shopID.link, item: item)
    }

    /// A fee attached to an item (`lineType` `item_fee` or `item_fee_refund`): neither an item nor a refund of one.
    public var isItemFee: Bool { lineType == "item_fee" || lineType == "item_fee_refund" }

    /// A refunded item: a negative quantity on a line that is not a fee.
    public var isRefund: Bool { quantity < 0 && !isItemFee }

    /// The goods were handed over with this sale (not a layaway, special order or work order still in the store).
    public var handedOver: Bool { !isLayaway && !isSpecialOrder && !isWorkorder }

    /// The points rule's view of the line (Core's `SalePoints`).
    public var pointsLine: PointsLine {
        PointsLine(quantity: quantity, cents: discountedSubtotalCents, isItemFee: isItemFee, handedOver: handedOver)
    }
}

/// A Lightspeed sale with what the loyalty program needs: when it completed, who bought, and the lines.
public struct LightspeedSale: Sendable, Equatable {
    public var id: String
    public var completed: Bool
    public var voided: Bool
    /// The purchase time (UTC instant); nil while the sale is open.
    public var completeTime: Date?
    public var createTime: Date?
    /// `updatetime` or `updateTime`, whichever the API spelled.
    public var updateTime: Date?
    public var customerID: String?
    public var employeeID: String?
    public var registerID: String?
    public var shopID: String?
    public var ticketNumber: String
    /// `calcSubtotal` in cents (before tax); negative for a refund.
    public var subtotalCents: Int
    public var totalCents: Int
    public var lines: [LightspeedSaleLine]
    /// Loaded with `Customer` (and `Customer.Contact`).
    public var customer: LightspeedCustomer?

    public init(id: String, completed: Bool, voided: Bool, completeTime: Date?, createTime: Date? = nil,
                updateTime: Date? = nil, customerID: String?, employeeID: String? = nil, registerID: String? = nil,
                shopID: String? = nil, ticketNumber: String = "", subtotalCents: Int = 0, totalCents: Int = 0,
                lines: [LightspeedSaleLine] = [], customer: LightspeedCustomer? = nil) {
        self.id = id
        self.completed = completed
        self.voided = voided
        self.completeTime = completeTime
        self.createTime = createTime
        self.updateTime = updateTime
        self.customerID = customerID
        self.employeeID = employeeID
        self.registerID = registerID
        self.shopID = shopID
        self.ticketNumber = ticketNumber
        self.subtotalCents = subtotalCents
        self.totalCents = totalCents
        self.lines = lines
        self.customer = customer
    }

    /// A sale as one JSON object, with whatever relations it carries (`SaleLines`, their `Item`, `Customer`).
    public init(json: Data) throws(LightspeedError) {
        try self.init(record: LightspeedBody.decode(SaleRecord.self, from: json))
    }

    init(record: SaleRecord) throws(LightspeedError) {
        guard let id = record.saleID.link else { throw .malformedResponse(detail: "Sale without saleID") }
        var lines: [LightspeedSaleLine] = []
        for line in record.saleLines?.items ?? [] { lines.append(try LightspeedSaleLine(record: line, saleID: id)) }
        var customer: LightspeedCustomer?
        if let customerRecord = record.customer?.record { customer = try LightspeedCustomer(record: customerRecord) }
        let updated = record.updatetime?.text ?? record.updateTime?.text ?? ""
        self.init(id: id, completed: record.completed.flag, voided: record.voided.flag,
                  completeTime: LightspeedDate.parse(record.completeTime.string),
                  createTime: LightspeedDate.parse(record.createTime.string),
                  updateTime: LightspeedDate.parse(updated),
                  customerID: record.customerID.link, employeeID: record.employeeID.link,
                  registerID: record.registerID.link, shopID: record.shopID.link,
                  ticketNumber: record.ticketNumber.string,
                  subtotalCents: LightspeedMoney.cents(record.calcSubtotal.string)
                    ?? LightspeedMoney.cents(record.displayableSubtotal.string) ?? 0,
                  totalCents: LightspeedMoney.cents(record.calcTotal.string)
                    ?? LightspeedMoney.cents(record.total.string) ?? 0,
                  lines: lines, customer: customer)
    }

    /// A refund is an ordinary sale whose item lines have negative quantities (fee lines aside).
    public var isRefund: Bool {
        let items = lines.filter { !$0.isItemFee }
        return !items.isEmpty && items.allSatisfy { $0.quantity <= 0 } && items.contains { $0.isRefund }
    }

    /// Still being rung up at the register: neither completed nor voided. The button is usually pressed then.
    public var isOpen: Bool { !completed && !voided }
}

extension Envelope where Record == SaleRecord {
    /// The page's sales; one without a `saleID` (or a line without its ID) makes the whole page malformed.
    func sales() throws(LightspeedError) -> [LightspeedSale] {
        var sales: [LightspeedSale] = []
        sales.reserveCapacity(records.count)
        for record in records { sales.append(try LightspeedSale(record: record)) }
        return sales
    }
}

/// A Lightspeed shop (a store location of the account) and the time zone its purchases are dated in.
public struct LightspeedShop: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `timeZone` as Lightspeed sends it (e.g. "US/Eastern"); "" when missing.
    public var timeZoneID: String

    public init(id: String, name: String, timeZoneID: String) {
        self.id = id
        self.name = name
        self.timeZoneID = timeZoneID
    }

    init(record: ShopRecord) throws(LightspeedError) {
        guard let id = record.shopID.link else { throw .malformedResponse(detail: "Shop without shopID") }
        self.init(id: id, name: record.name.string, timeZoneID: record.timeZone.string)
    }

    /// The shop's zone; nil when Lightspeed sent none or one this system does not know.
    public var timeZone: TimeZone? { timeZoneID.isEmpty ? nil : TimeZone(identifier: timeZoneID) }
}
