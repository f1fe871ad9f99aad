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

    /// Adds a completed sale with these lines (quantities may be negative, with `parents` for refund lines).
    func ringUp(customerID: String?, lines: [RingUpLine], parents: [String?] = [], employeeID: String,
                registerID: String, shopID: String, at time: Date?, completed: Bool) throws -> String {
        for line in lines where line.itemID != "0" && items[line.itemID] == nil {
            throw SimulatorRegisterError.unknownItem(line.itemID)
        }
        if let customerID, customers[customerID] == nil { throw SimulatorRegisterError.unknownCustomer(customerID) }
        let saleID = nextID(sales.keys)
        let stamp = LightspeedDate.format(time ?? options.now())
        var firstLineID = Int(nextID(allLineIDs)) ?? 1
        var subtotal = 0
        var lineObjects: [LightspeedJSON] = []
        for (index, line) in lines.enumerated() {
            let unit = line.unitPriceCents ?? price(of: line.itemID)
            let amount = unit * line.quantity
            subtotal += amount
            lineObjects.append(.object([
                "saleLineID": .string(String(firstLineID)), "createTime": .string(stamp), "timeStamp": .string(stamp),
                "unitQuantity": .string(String(line.quantity)), "unitPrice": .string(LightspeedMoney.text(cents: unit)),
                "normalUnitPrice": .string("0"), "discountAmount": .string("0"), "discountPercent": .string("0"),
                "tax": .string("false"), "isLayaway": .string("false"), "isWorkorder": .string("false"),
                "isSpecialOrder": .string("false"),
                "displayableSubtotal": .string(LightspeedMoney.text(cents: amount)),
                "calcSubtotal": .string(LightspeedMoney.text(cents: amount)), "calcTotal": .string(LightspeedMoney.text(cents: amount)),
                "calcLineDiscount": .string("0"), "calcTax1": .string("0"), "calcTax2": .string("0"),
                "customerID": .string("0"), "discountID": .string("0"), "employeeID": .string(employeeID),
                "itemID": .string(line.itemID), "noteID": .string("0"),
                "parentSaleLineID": .string((index < parents.count ? parents[index] : nil) ?? "0"),
                "shopID": .string(shopID), "saleID": .string(saleID), "taxClassID": .string("0"),
            ]))
            firstLineID += 1
        }
        var fields: [String: LightspeedJSON] = [
            "saleID": .string(saleID), "timeStamp": .string(stamp), "discountPercent": .string("0"),
            "completed": .string(completed ? "true" : "false"), "archived": .string("false"), "voided": .string("false"),
            "enablePromotions": .string("true"), "isTaxInclusive": .string("false"), "createTime": .string(stamp),
            "updatetime": .string(stamp), "referenceNumber": .string(""), "referenceNumberSource": .string(""),
            "tax1Rate": .string("0"), "tax2Rate": .string("0"), "change": .string("0"), "tipEnabled": .string("false"),
            "receiptPreference": .string("printed"), "ticketNumber": .string("2200000" + String(format: "%05d", Int(saleID) ?? 0)),
            "calcDiscount": .string("0"), "calcSubtotal": .string(LightspeedMoney.text(cents: subtotal)),
            "displayableSubtotal": .string(LightspeedMoney.text(cents: subtotal)),
            "calcTotal": .string(LightspeedMoney.text(cents: subtotal)), "total": .string(LightspeedMoney.text(cents: subtotal)),
            "calcTax1": .string("0"), "calcTax2": .string("0"), "calcPayments": .string(LightspeedMoney.text(cents: subtotal)),
            "balance": .string("0"), "customerID": .string(customerID ?? "0"), "discountID": .string("0"),
            "employeeID": .string(employeeID), "quoteID": .string("0"), "registerID": .string(registerID),
            "shipToID": .string("0"), "shopID": .string(shopID), "taxCategoryID": .string("0"),
        ]
        if completed { fields["completeTime"] = .string(stamp) }
        if !lineObjects.isEmpty { fields["SaleLines"] = .object(["SaleLine": .collection(lineObjects)]) }
        store(sale: .object(fields))
        return saleID
    }

    /// A refund sale for some (default: all) lines of an earlier sale, each pointing at its parent line;
    /// `quantities` returns only some units of a line (saleLineID → units), the rest of each line by default.
    func refund(saleID: String, lineIDs: [String]?, quantities: [String: Int] = [:], at time: Date?) throws -> String {
        guard let sale = sales[saleID] else { throw SimulatorRegisterError.unknownSale(saleID) }
        let original = (saleLines[saleID] ?? []).filter { line in lineIDs.map { $0.contains(line.string("saleLineID")) } ?? true }
        guard !original.isEmpty else { throw SimulatorRegisterError.nothingToRefund(saleID) }
        let lines = original.map {
            RingUpLine(itemID: $0.link("itemID") ?? "0",
                       quantity: -(quantities[$0.string("saleLineID")] ?? Int($0.string("unitQuantity")) ?? 1),
                       unitPriceCents: LightspeedMoney.cents($0.string("unitPrice")))
        }
        return try ringUp(customerID: sale.link("customerID"), lines: lines, parents: original.map { $0.link("saleLineID") },
                          employeeID: sale.link("employeeID") ?? "1", registerID: sale.link("registerID") ?? "1",
                          shopID: sale.link("shopID") ?? "1", at: time, completed: true)
    }

    func void(saleID: String) throws {
        guard var fields = sales[saleID]?.fields else { throw SimulatorRegisterError.unknownSale(saleID) }
        fields["voided"] = .string("true")
        fields["updatetime"] = .string(LightspeedDate.format(options.now()))
        sales[saleID] = .object(fields)
    }

    func complete(saleID: String) throws {
        guard var fields = sales[saleID]?.fields else { throw SimulatorRegisterError.unknownSale(saleID) }
        fields["completed"] = .string("true")
        fields["completeTime"] = .string(LightspeedDate.format(options.now()))
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

    public var description: String {
        switch self {
        case .unknownItem(let id): return "The simulator has no item \(id)."
        case .unknownCustomer(let id): return "The simulator has no customer \(id)."
        case .unknownSale(let id): return "The simulator has no sale \(id)."
        case .nothingToRefund(let id): return "Sale \(id) has no such lines to refund."
        }
    }
}
