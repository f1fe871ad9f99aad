import Foundation
import Lightspeed
import LoyaltyCore

/// What a Lightspeed sale says about sales recorded earlier: its returned lines (a refund, or the returned
/// half of an exchange) name the original lines by `parentSaleLineID` (lightspeed-api.md §2.3, §7: "a refund
/// is a later Sale with negative quantities and parentSaleLineID pointing to the original line"); a fee line
/// also carries `parentSaleLineID` but is told apart by `lineType` (§0.1) and is no refund.
public enum ChangeDetection {
    /// The refund finding of a completed, not voided sale with returned item lines that name their original
    /// line; nil for anything else.
    public static func refund(in sale: LightspeedSale, policy: SalePointsPolicy) -> LightspeedChangeFinding? {
        guard sale.completed, !sale.voided else { return nil }
        let returned = sale.lines.filter { $0.isRefund && !($0.parentSaleLineID ?? "").isEmpty }
        guard !returned.isEmpty else { return nil }
        let lines = returned.map {
            RefundedLine(refundSaleLineID: $0.id, parentSaleLineID: $0.parentSaleLineID ?? "", units: -$0.quantity,
                         description: $0.item?.description ?? "")
        }
        let refunded = SalePoints.earningCents(sale.lines.filter { $0.quantity < 0 }.map(\.pointsLine), policy: policy).refunded
        return LightspeedChangeFinding(kind: .refund, saleID: sale.id,
                                       happenedAt: sale.completeTime ?? sale.updateTime ?? Date(),
                                       lines: lines, refundedCents: refunded)
    }

    /// The void finding of a voided sale (whether it was recorded here is the store's question).
    public static func void(_ sale: LightspeedSale, seenAt: Date) -> LightspeedChangeFinding? {
        guard sale.voided else { return nil }
        return LightspeedChangeFinding(kind: .void, saleID: sale.id, happenedAt: sale.updateTime ?? seenAt)
    }
}
