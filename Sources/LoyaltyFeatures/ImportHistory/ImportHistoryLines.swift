import Foundation
import Lightspeed
import LoyaltyCore

/// Turns the Lightspeed client's sales into what Core's matcher and points import read. Lines without an
/// item (misc charges, `itemID` "0") and item-fee lines (`lineType` `item_fee`/`item_fee_refund`: neither an
/// item nor a refund of one) are not purchases of anything a program could list, so they are left out; an
/// item without a valid code becomes a line with no UPC ("No Item"). The item's code is its UPC, else its
/// EAN, else a custom SKU that parses as a GTIN (`LightspeedItem.barcode`). Each line carries the time zone
/// of the shop that sold it (`zones`, by shop ID), so its purchase date is that shop's local date.
public enum ImportHistoryLines {
    public static func saleLines(_ sales: [LightspeedSale], zones: [String: TimeZone] = [:]) -> [SaleLine] {
        sales.flatMap { sale -> [SaleLine] in
            guard sale.completed, let completedAt = sale.completeTime else { return [] }
            let zone = sale.shopID.flatMap { zones[$0] }
            return sale.lines.compactMap { line -> SaleLine? in
                guard let item = line.item, !line.isItemFee else { return nil }
                let name = item.description.isEmpty ? "Item \(item.id)" : item.description
                var core = SaleLine(saleID: sale.id, saleLineID: line.id, completedAt: completedAt, upc: item.barcode,
                                description: name, quantity: line.quantity, parentSaleLineID: line.parentSaleLineID,
                                voided: sale.voided, ticketNumber: sale.ticketNumber.isEmpty ? nil : sale.ticketNumber,
                                register: sale.registerID, employee: sale.employeeID, timeZone: zone,
                                handedOver: line.handedOver)
                core.unitPriceCents = line.unitPriceCents
                core.shopID = sale.shopID
                return core
            }
        }
    }

    /// Each completed sale's points-earning amount (after discounts; fees only when `policy` says so; refunds
    /// negative) for Import History for Points, dated in its shop's zone.
    public static func pointsSales(_ sales: [LightspeedSale], zones: [String: TimeZone] = [:],
                                   policy: SalePointsPolicy) -> [PointsSale] {
        sales.compactMap { sale in
            guard sale.completed, let completedAt = sale.completeTime else { return nil }
            let earning = SalePoints.earningCents(sale.lines.map(\.pointsLine), policy: policy)
            return PointsSale(saleID: sale.id, completedAt: completedAt, subtotalCents: earning.bought - earning.refunded,
                              voided: sale.voided, timeZone: sale.shopID.flatMap { zones[$0] })
        }
    }

    /// Shop ID → time zone, for the shops whose zone Lightspeed gave and this system knows.
    public static func zones(_ shops: [LightspeedShop]) -> [String: TimeZone] {
        var zones: [String: TimeZone] = [:]
        for shop in shops { if let zone = shop.timeZone { zones[shop.id] = zone } }
        return zones
    }
}
