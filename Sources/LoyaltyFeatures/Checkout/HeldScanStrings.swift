import Foundation
import LoyaltyCore

/// The sentences about scans that could not land at once (held in a dialog, kept while signed out or while
/// the screen was too small) and about large quantities.
extension CheckoutStrings {
    /// What a dialog is, in the words "after …" takes.
    public static func dialogName(_ modal: CheckoutModal) -> String {
        switch modal {
        case .redeemPick: "the redemption"
        case .confirm(let pending):
            switch pending.action {
            case .redeem: "the redemption"
            case .undoTodaysPunch, .undoTodaysScan: "the undo"
            case .splitCard: "the split"
            case .redeemPointsReward: "the points reward"
            case .recordPurchase: "this question"
            default: "this dialog"
            }
        case .undoPick: "the undo"
        case .split: "the split"
        case .pointsPick: "the points reward"
        case .cardDetail: "the card view"
        default: "this dialog"
        }
    }

    public static func scanHeld(_ upc: UPC, after dialog: String) -> String {
        "Scan \(upc.display) held: you are asked about it after \(dialog)."
    }

    public static let heldTitle = "Record the held scans?"
    public static func heldTitle(_ count: Int) -> String { count == 1 ? "Record this scan?" : "Record these \(count) scans?" }

    /// One line per held scan, then the question naming the customer.
    public static func heldLines(_ held: [HeldScan], data: CheckoutData?) -> [String] {
        var lines = held.map { scan -> String in
            let item = data?.program(of: scan.upc)?.items.first { $0.upc == scan.upc }?.description ?? "not in any program"
            let when: String
            switch scan.why {
            case .dialog(let name): when = "scanned during \(name)"
            case .signedOut: when = "scanned while signed out"
            case .screenTooSmall: when = "scanned while the screen was too small"
            }
            var at = ""
            if let moment = scan.at, let data {
                at = " at " + StoreCalendar(timeZone: TimeZone(identifier: data.timeZoneID) ?? .gmt).clockTime(of: moment)
            }
            return "\(scan.quantity) × \(item) (\(scan.upc.display)), \(when)\(at)."
        }
        let name = data?.customer.fullName ?? "this customer"
        lines.append(held.count == 1 ? "Record it for \(name) now? N drops it." : "Record them for \(name) now? N drops them.")
        return lines
    }

    public static func heldDropped(_ count: Int) -> String {
        count == 1 ? "The held scan was dropped: nothing recorded." : "\(count) held scans were dropped: nothing recorded."
    }

    public static let screenScanRecorded = "Recorded a scan that arrived while the screen was too small."

    // A large quantity (issue 14 #3)
    public static func confirmQuantityTitle(_ quantity: Int) -> String { "Record \(quantity) units?" }
    public static func confirmQuantity(_ upc: UPC, quantity: Int, item: String?, threshold: Int) -> [String] {
        ["\(quantity) × \(item ?? upc.display) (\(upc.display)): \(quantity) punches.",
         "More than \(threshold) units in one scan is often a slip (a quantity typed twice). Y records them all."]
    }

    // Undoing a whole scan
    public static let confirmUndoScanTitle = "Undo this scan?"
    public static func confirmUndoScan(_ punches: [Punch]) -> [String] {
        guard let first = punches.first else { return [] }
        return ["\(punches.count) × \(first.itemDescription) (\(first.upc?.display ?? "no UPC")), scanned together today.",
                "Y undoes all \(punches.count) units in one step; 1 undoes only one unit."]
    }
    public static func scanUndone(_ count: Int) -> String { count == 1 ? "Punch undone." : "Scan undone: \(count) punches." }
}
