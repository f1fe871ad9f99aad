import Foundation
import Lightspeed
import LoyaltyCore

/// Turns the Lightspeed client's sales into what Core's matcher and points import read. Lines without an
/// item (misc charges, `itemID` "0") are not purchases of anything a program could list, so they are left
/// out; an item without a valid code becomes a line with no UPC ("No Item"). The item's code is its UPC,
/// else its EAN, else a custom SKU that parses as a GTIN (`LightspeedItem.barcode`).
public enum ImportHistoryLines {
    public static func saleLines(_ sales: [LightspeedSale]) -> [SaleLine] {
        sales.flatMap { sale -> [SaleLine] in
            guard sale.completed, let completedAt = sale.completeTime else { return [] }
            return sale.lines.compactMap { line -> SaleLine? in
                guard let item = line.item else { return nil }
                let name = item.description.isEmpty ? "Item \(item.id)" : item.description
                var core = SaleLine(saleID: sale.id, saleLineID: line.id, completedAt: completedAt, upc: item.barcode,
                                    description: name, quantity: line.quantity, parentSaleLineID: line.parentSaleLineID,
                                    voided: sale.voided, ticketNumber: sale.ticketNumber.isEmpty ? nil : sale.ticketNumber,
                                    register: sale.registerID, employee: sale.employeeID)
                core.unitPriceCents = line.unitPriceCents
                return core
            }
        }
    }

    public static func pointsSales(_ sales: [LightspeedSale]) -> [PointsSale] {
        sales.compactMap { sale in
            guard sale.completed, let completedAt = sale.completeTime else { return nil }
            return PointsSale(saleID: sale.id, completedAt: completedAt, subtotalCents: sale.subtotalCents,
                              voided: sale.voided)
        }
    }
}
