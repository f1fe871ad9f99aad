import Foundation
import Lightspeed

/// The register side of the simulator: ring up a sale, refund it, void it, and press the custom button.
extension SimulatorState {
    private func nextID(_ existing: some Collection<String>) -> String {
        String((existing.compactMap { Int($0) }.max() ?? 100) + 1)
    }

    private var allLineIDs: [String] {
        saleLines.values.flatMap { $0.compactMap { $0.link("saleLineID") } }
    }

    private func price(of itemID: String) -> Int {
        let prices = items[itemID]?.many("Prices", "ItemPrice") ?? []
        let price = prices.first { $0.string("useType") == "Default" } ?? prices.first
        return price.flatMap { LightspeedMoney.cents($0.string("amount")) } ?? 0
    }

    /// Adds a sale with these lines (quantities may be negative, with `parents` for refund lines), open until
    /// `complete` unless `completed` (the register's real order: ring up, press the button, then complete).
    /// A fee line (`RingUpLine.fee`) is an `item_fee` line pointing at the item line before it (on a refund,
    /// `item_fee_refund`); discounts go to `calcLineDiscount` and `displayableSubtotal` is after them.
    func ringUp(customerID: String?, lines: [RingUpLine], parents: [String?] = [], employeeID: String,
                registerID: String, shopID: String, at time: Date?, completed: Bool) throws -> String {
        for line in lines where !line.isFee && line.itemID != "0" && items[line.itemID] == nil {
            throw SimulatorRegisterError.unknownItem(line.itemID)
        }
        if let customerID, customers[customerID] == nil { throw SimulatorRegisterError.unknownCustomer(customerID) }
        guard shops[shopID] != nil else { throw SimulatorRegisterError.unknownShop(shopID) }
        let saleID = nextID(sales.keys)
        let stamp = LightspeedDate.format(time ?? options.now())
        var firstLineID = Int(nextID(allLineIDs)) ?? 1
        var subtotal = 0
        var discount = 0
        var lineObjects: [LightspeedJSON] = []
        var lastItemLineID: String?
        for (index, line) in lines.enumerated() {
            let unit = line.unitPriceCents ?? price(of: line.itemID)
            let amount = unit * line.quantity
            let lineID = String(firstLineID)
            subtotal += amount
            discount += line.discountCents
            var parent = (index < parents.count ? parents[index] : nil) ?? "0"
            var lineType = ""
            if line.isFee {
                lineType = line.quantity < 0 ? "item_fee_refund" : "item_fee"
                parent = lastItemLineID ?? "0"
            } else {
                lastItemLineID = lineID
            }
            let after = amount - line.discountCents
            lineObjects.append(.object([
                "saleLineID": .string(lineID), "createTime": .string(stamp), "timeStamp": .string(stamp),
                "unitQuantity": .string(String(line.quantity)), "unitPrice": .string(LightspeedMoney.text(cents: unit)),
                "normalUnitPrice": .string("0"), "discountAmount": .string(LightspeedMoney.text(cents: line.discountCents)),
                "discountPercent": .string("0"),
                "tax": .string("false"), "isLayaway": .string(line.held == .layaway ? "true" : "false"),
                "isWorkorder": .string(line.held == .workorder ? "true" : "false"),
                "isSpecialOrder": .string(line.held == .specialOrder ? "true" : "false"),
                "displayableSubtotal": .string(LightspeedMoney.text(cents: after)),
                "displayableUnitPrice": .string(LightspeedMoney.text(cents: unit)),
                "calcSubtotal": .string(LightspeedMoney.text(cents: amount)), "calcTotal": .string(LightspeedMoney.text(cents: after)),
                "calcLineDiscount": .string(LightspeedMoney.text(cents: line.discountCents)),
                "calcTransactionDiscount": .string("0"), "calcTax1": .string("0"), "calcTax2": .string("0"),
                "customerID": .string("0"), "discountID": .string("0"), "employeeID": .string(employeeID),
                "itemID": .string(line.isFee ? "0" : line.itemID), "noteID": .string("0"),
                "itemFeeID": .string(line.isFee ? "1" : "0"), "lineType": .string(lineType),
                "parentSaleLineID": .string(parent),
                "shopID": .string(shopID), "saleID": .string(saleID), "taxClassID": .string("0"),
            ]))
            firstLineID += 1
        }
        let total = subtotal - discount
        var fields: [String: LightspeedJSON] = [
            "saleID": .string(saleID), "timeStamp": .string(stamp), "discountPercent": .string("0"),
            "completed": .string(completed ? "true" : "false"), "archived": .string("false"), "voided": .string("false"),
            "enablePromotions": .string("true"), "isTaxInclusive": .string("false"), "createTime": .string(stamp),
            "updatetime": .string(stamp), "referenceNumber": .string(""), "referenceNumberSource": .string(""),
            "tax1Rate": .string("0"), "tax2Rate": .string("0"), "change": .string("0"), "tipEnabled": .string("false"),
            "receiptPreference": .string("printed"), "ticketNumber": .string("2200000" + String(format: "%05d", Int(saleID) ?? 0)),
            "calcDiscount": .string(LightspeedMoney.text(cents: discount)), "calcSubtotal": .string(LightspeedMoney.text(cents: subtotal)),
            "displayableSubtotal": .string(LightspeedMoney.text(cents: total)),
            "calcTotal": .string(LightspeedMoney.text(cents: total)), "total": .string(LightspeedMoney.text(cents: total)),
            "calcTax1": .string("0"), "calcTax2": .string("0"),
            "calcPayments": .string(LightspeedMoney.text(cents: completed ? total : 0)),
            "balance": .string(LightspeedMoney.text(cents: completed ? 0 : total)), "customerID": .string(customerID ?? "0"), "discountID": .string("0"),
            "employeeID": .string(employeeID), "quoteID": .string("0"), "registerID": .string(registerID),
            "shipToID": .string("0"), "shopID": .string(shopID), "taxCategoryID": .string("0"),
        ]
        if completed { fields["completeTime"] = .string(stamp) }
        if !lineObjects.isEmpty { fields["SaleLines"] = .object(["SaleLine": .collection(lineObjects)]) }
        store(sale: .object(fields))
        return saleID
    }

    /// A refund sale for some (default: all) lines of an earlier sale, each pointing at its parent line, with the
    /// discount the original line had, pro rata; an item's fee lines come back with it as `item_fee_refund`.
    /// `quantities` returns only some units of a line (saleLineID → units), the rest of each line by default.
    func refund(saleID: String, lineIDs: [String]?, quantities: [String: Int] = [:], at time: Date?) throws -> String {
        guard let sale = sales[saleID] else { throw SimulatorRegisterError.unknownSale(saleID) }
        let all = saleLines[saleID] ?? []
        let isFee = { (line: LightspeedJSON) in line.string("lineType") == "item_fee" }
        let chosen = all.filter { line in !isFee(line) && (lineIDs.map { $0.contains(line.string("saleLineID")) } ?? true) }
        guard !chosen.isEmpty else { throw SimulatorRegisterError.nothingToRefund(saleID) }
        var lines: [RingUpLine] = []
        var parents: [String?] = []
        for original in chosen {
            let originalID = original.string("saleLineID")
            let sold = Int(original.string("unitQuantity")) ?? 1
            let units = quantities[originalID] ?? sold
            let discount = LightspeedMoney.cents(original.string("calcLineDiscount")) ?? 0
            lines.append(RingUpLine(itemID: original.link("itemID") ?? "0", quantity: -units,
                                    unitPriceCents: LightspeedMoney.cents(original.string("unitPrice")),
                                    discountCents: sold == 0 ? 0 : -(discount * units / sold)))
            parents.append(originalID)
            for fee in all where isFee(fee) && fee.string("parentSaleLineID") == originalID {
                lines.append(.fee(cents: LightspeedMoney.cents(fee.string("unitPrice")) ?? 0, quantity: -units))
                parents.append(nil)
            }
        }
        return try ringUp(customerID: sale.link("customerID"), lines: lines, parents: parents,
                          employeeID: sale.link("employeeID") ?? "1", registerID: sale.link("registerID") ?? "1",
                          shopID: sale.link("shopID") ?? "1", at: time, completed: true)
    }

    func void(saleID: String) throws {
        guard var fields = sales[saleID]?.fields else { throw SimulatorRegisterError.unknownSale(saleID) }
        let stamp = LightspeedDate.format(options.now())
        fields["voided"] = .string("true")
        fields["updatetime"] = .string(stamp)
        fields["timeStamp"] = .string(stamp)
        sales[saleID] = .object(fields)
    }

    /// The cashier takes payment: the open sale becomes completed now (or at `time`). A voided or already
    /// completed sale cannot be completed (the register would not offer it).
    func complete(saleID: String, at time: Date? = nil) throws {
        guard var fields = sales[saleID]?.fields else { throw SimulatorRegisterError.unknownSale(saleID) }
        guard !fields.keys.isEmpty, (fields["voided"]?.text ?? "false") != "true" else {
            throw SimulatorRegisterError.notOpen(saleID)
        }
        guard (fields["completed"]?.text ?? "false") != "true" else { throw SimulatorRegisterError.notOpen(saleID) }
        let stamp = LightspeedDate.format(time ?? options.now())
        fields["completed"] = .string("true")
        fields["completeTime"] = .string(stamp)
        fields["updatetime"] = .string(stamp)
        fields["timeStamp"] = .string(stamp)
        fields["calcPayments"] = fields["total"] ?? .string("0")
        fields["balance"] = .string("0")
        sales[saleID] = .object(fields)
    }

    /// What the register's browser opens when the cashier presses the button on this sale.
    func buttonURL(listener: URL, saleID: String, type: String, expiresIn: TimeInterval) throws -> URL {
        guard let sale = sales[saleID] else { throw SimulatorRegisterError.unknownSale(saleID) }
        let items: [(String, String)] = [
            ("accountID", accountID), ("customerID", sale.link("customerID") ?? "0"),
            ("employeeID", sale.link("employeeID") ?? "1"), ("registerID", sale.link("registerID") ?? "1"),
            ("returnURL", baseURL + "/register.php"), ("saleID", saleID), ("shopID", sale.link("shopID") ?? "1"),
            ("systemUserID", "1"), ("type", type),
        ]
        return try signer.sign(url: listener, items: items, expires: options.now().addingTimeInterval(expiresIn))
    }
}

public enum SimulatorRegisterError: Error, Equatable, CustomStringConvertible {
    case unknownItem(String)
    case unknownCustomer(String)
    case unknownSale(String)
    case nothingToRefund(String)
    case unknownShop(String)
    case notOpen(String)

    public var description: String {
        switch self {
        case .unknownItem(let id): return "The simulator has no item \(id)."
        case .unknownCustomer(let id): return "The simulator has no customer \(id)."
        case .unknownSale(let id): return "The simulator has no sale \(id)."
        case .nothingToRefund(let id): return "Sale \(id) has no such lines to refund."
        case .unknownShop(let id): return "The simulator has no shop \(id)."
        case .notOpen(let id): return "Sale \(id) is not open (already completed or voided)."
        }
    }
}
