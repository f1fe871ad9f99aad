import Foundation
import LoyaltyCore
import LoyaltyStore

/// The "Changed in Lightspeed" sentences, in one place (the screen, the status bar and the CLI).
public enum ChangesStrings {
    public static let title = "Changed in Lightspeed"
    /// The status bar's count for a manager.
    public static func toReview(_ n: Int) -> String { "\(Counting.of(n, "change")) from Lightspeed to review" }
    public static let empty = "Nothing to review: no recorded sale was refunded or voided in Lightspeed since."
    public static let nothingSelected = "Select a change first."
    public static let reasonNeeded = "Say why it is dismissed (e.g. \"customer kept the item, refund was a price match\")."
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }

    public static func kindWord(_ kind: LightspeedChangeKind) -> String {
        switch kind {
        case .refund: "Refund"
        case .void: "Void"
        }
    }

    /// "Refund 9012 of sale 9006" / "Void of sale 9006".
    public static func what(_ c: LightspeedChangeRecord) -> String {
        switch c.kind {
        case .refund: "Refund \(c.saleID) of sale \(c.originalSaleIDs.joined(separator: ", "))"
        case .void: "Void of sale \(c.saleID)"
        }
    }

    /// The list's short form: "Refund 9012 of 9006" / "Void of 9006".
    public static func whatShort(_ c: LightspeedChangeRecord) -> String {
        switch c.kind {
        case .refund: "Refund \(c.saleID) of \(c.originalSaleIDs.joined(separator: ","))"
        case .void: "Void of \(c.saleID)"
        }
    }

    /// What applying would change: "−1 punch, −34 points; 1 kept (card redeemed)"; `short` for the list
    /// ("−1 punch, −34 points; 1 kept, 1 handled").
    public static func effect(_ plan: LightspeedChangePlan, short: Bool = false) -> String {
        if plan.nothingLeft {
            if short { return "already handled" }
            return plan.units.isEmpty && !plan.pointsAlreadyBack ? "nothing to change" : "already handled: nothing left to change"
        }
        var parts: [String] = []
        if !plan.removals.isEmpty { parts.append("−" + Counting.of(plan.removals.count, "punch")) }
        if plan.pointsBack > 0 { parts.append("−" + Counting.of(plan.pointsBack, "point")) }
        var notes: [String] = []
        if plan.keptOnRedeemedCards > 0 { notes.append("\(plan.keptOnRedeemedCards) kept" + (short ? "" : " (card redeemed)")) }
        if plan.alreadyRemoved > 0 { notes.append("\(plan.alreadyRemoved) " + (short ? "handled" : "already removed")) }
        if plan.pointsAlreadyBack { notes.append(short ? "points back" : "points already back") }
        return parts.joined(separator: ", ") + (notes.isEmpty ? "" : "; " + notes.joined(separator: ", "))
    }

    /// One named punch under review: its item, its card, and what applying does to it.
    public static func unit(_ u: PlannedChangeUnit, calendar: StoreCalendar) -> String {
        let card = "\(u.programName) card \(u.cardID)"
        let item = "\(u.punch.itemDescription.isEmpty ? "item" : u.punch.itemDescription) (\(u.punch.purchaseDate.iso))"
        switch u.effect {
        case .remove(let change):
            let state = change.stateAfter != change.stateBefore ? ", \(change.stateBefore.rawValue) → \(change.stateAfter.rawValue)" : ""
            return "\(item): remove its punch from \(card), \(change.countBefore) → \(change.countAfter)\(state)"
        case .alreadyRemoved(let removal):
            return "\(item): already handled — its punch on \(card) was removed by \(removal.removedBy) "
                + "\(calendar.timestamp(of: removal.removedAt)) (\(removal.reason))"
        case .keptCardRedeemed:
            return "\(item): \(card) was redeemed (the free item was handed over): the punch is kept"
        }
    }

    /// The points line under review.
    public static func points(_ c: LightspeedChangeRecord) -> String {
        if c.plan.pointsAlreadyBack { return "Points: \(Counting.of(c.points, "point")) already taken back (the Refund button)." }
        if c.plan.pointsBack > 0 { return "Points: take back \(Counting.of(c.plan.pointsBack, "point"))." }
        return "Points: none to take back."
    }

    public static func question(_ ask: ChangesAsk, _ change: LightspeedChangeRecord?) -> String {
        switch ask {
        case .confirmApply(let id):
            guard let change else { return "Apply change \(id)? Y applies, N cancels." }
            if change.plan.nothingLeft {
                return "\(what(change)) for \(change.customerName) is already handled: close it without changing anything? "
                    + "Y closes, N cancels."
            }
            return "\(what(change)) for \(change.customerName): \(effect(change.plan)). Apply? Y applies, N cancels."
        case .dismissReason(let id):
            return "Dismiss change \(id) (nothing on the cards or points changes). Why?"
        }
    }

    public static func applied(_ a: AppliedLightspeedChange) -> String {
        let c = a.change
        if c.state == .handled { return "\(what(c)) for \(c.customerName) closed: it was already handled, nothing changed." }
        var parts: [String] = []
        if !a.removedPunchIDs.isEmpty { parts.append(Counting.of(a.removedPunchIDs.count, "punch") + " removed") }
        if a.pointsTakenBack > 0 { parts.append(Counting.of(a.pointsTakenBack, "point") + " taken back") }
        if a.keptOnRedeemedCards > 0 { parts.append("\(a.keptOnRedeemedCards) kept on a redeemed card") }
        return "\(what(c)) for \(c.customerName) applied: " + parts.joined(separator: ", ") + "."
    }

    public static func dismissed(_ c: LightspeedChangeRecord) -> String {
        "\(what(c)) for \(c.customerName) dismissed: nothing was changed."
    }
}
