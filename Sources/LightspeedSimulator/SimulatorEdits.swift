import Foundation
import Lightspeed

/// A change made at the register while a client pages through sales: the data under a cursor moves. Scheduled
/// with `LightspeedSimulator.edit(afterSalePages:_:)` (or `POST /simulator/edit`), applied right after that many
/// `Sale.json` list pages have been answered, so a test can aim it between page 1 and page 2 exactly.
public enum SimulatorEdit: Sendable, Equatable {
    /// A line's quantity changes in place (the sale keeps its completeTime; `updatetime` moves to now).
    case setQuantity(saleID: String, saleLineID: String, quantity: Int)
    /// The sale is completed again now: `completeTime` and `updatetime` move to now, so a client sorting by
    /// completeTime meets it a second time on a later page.
    case recomplete(saleID: String)
    /// A new line (a new saleLineID) on an existing sale.
    case addLine(saleID: String, itemID: String, quantity: Int)
    /// A new completed sale for this customer, now.
    case ringUp(customerID: String, itemID: String, quantity: Int)
}

extension SimulatorState {
    func schedule(afterSalePages pages: Int, _ edits: [SimulatorEdit]) {
        pendingEdits.append((salePagesLeft: max(0, pages), edits: edits))
        if pages <= 0 { applyDueEdits() }
    }

    /// Called after every answered request: counts `Sale.json` list pages and applies the edits that are due.
    func countRequest(path: String, status: Int) {
        guard !pendingEdits.isEmpty, status == 200, path.hasSuffix("/Sale.json") else { return }
        for index in pendingEdits.indices { pendingEdits[index].salePagesLeft -= 1 }
        applyDueEdits()
    }

    private func applyDueEdits() {
        let due = pendingEdits.filter { $0.salePagesLeft <= 0 }
        pendingEdits.removeAll { $0.salePagesLeft <= 0 }
        for edit in due.flatMap(\.edits) { try? apply(edit) }
    }

    func apply(_ edit: SimulatorEdit) throws {
        let stamp = LightspeedDate.format(options.now())
        switch edit {
        case .setQuantity(let saleID, let lineID, let quantity):
            try rewrite(saleID) { fields, lines in
                fields["updatetime"] = .string(stamp)
                fields["updateTime"] = nil
                for index in lines.indices where lines[index].string("saleLineID") == lineID {
                    guard var line = lines[index].fields else { continue }
                    line["unitQuantity"] = .string(String(quantity))
                    line["timeStamp"] = .string(stamp)
                    lines[index] = .object(line)
                }
            }
        case .recomplete(let saleID):
            try rewrite(saleID) { fields, _ in
                fields["completeTime"] = .string(stamp)
                fields["updatetime"] = .string(stamp)
                fields["updateTime"] = nil
            }
        case .addLine(let saleID, let itemID, let quantity):
            let lineID = String((saleLines.values.flatMap { $0 }.compactMap { Int($0.string("saleLineID")) }.max() ?? 100) + 1)
            try rewrite(saleID) { fields, lines in
                fields["updatetime"] = .string(stamp)
                fields["updateTime"] = nil
                lines.append(.object([
                    "saleLineID": .string(lineID), "saleID": .string(saleID), "itemID": .string(itemID),
                    "unitQuantity": .string(String(quantity)), "unitPrice": .string("0"), "calcSubtotal": .string("0"),
                    "parentSaleLineID": .string("0"), "createTime": .string(stamp), "timeStamp": .string(stamp),
                ]))
            }
        case .ringUp(let customerID, let itemID, let quantity):
            _ = try ringUp(customerID: customerID, lines: [RingUpLine(itemID: itemID, quantity: quantity)], employeeID: "1",
                           registerID: "1", shopID: "1", at: nil, completed: true)
        }
    }

    private func rewrite(_ saleID: String, _ change: (inout [String: LightspeedJSON], inout [LightspeedJSON]) -> Void) throws {
        guard var fields = sales[saleID]?.fields else { throw SimulatorRegisterError.unknownSale(saleID) }
        var lines = saleLines[saleID] ?? []
        change(&fields, &lines)
        if !lines.isEmpty { fields["SaleLines"] = .object(["SaleLine": .collection(lines)]) }
        store(sale: .object(fields))
    }
}

extension SimulatorEdit {
    /// From the control endpoint's JSON: `{"setQuantity": {"saleID", "saleLineID", "quantity"}}`,
    /// `{"recomplete": "SALE_ID"}`, `{"addLine": {"saleID", "itemID", "quantity"}}`,
    /// `{"ringUp": {"customerID", "itemID", "quantity"}}`.
    init?(json: LightspeedJSON) {
        if let body = json["setQuantity"] {
            self = .setQuantity(saleID: body.string("saleID"), saleLineID: body.string("saleLineID"),
                                quantity: Int(body.string("quantity")) ?? 1)
        } else if let saleID = json["recomplete"]?.text {
            self = .recomplete(saleID: saleID)
        } else if let body = json["addLine"] {
            self = .addLine(saleID: body.string("saleID"), itemID: body.string("itemID"),
                            quantity: Int(body.string("quantity")) ?? 1)
        } else if let body = json["ringUp"] {
            self = .ringUp(customerID: body.string("customerID"), itemID: body.string("itemID"),
                           quantity: Int(body.string("quantity")) ?? 1)
        } else {
            return nil
        }
    }
}
