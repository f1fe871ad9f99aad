import LoyaltyCore
import TerminalKit

/// The manager screens' sentences (view-model side).
enum ManagerStrings {
    /// Why a manager screen's load or the combine failed.
    static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    static func managerMustSignIn(_ what: String) -> String {
        "Only a manager may \(what): a manager must sign in (Ctrl-L locks, then sign in)."
    }
    static let combineWhat = "combine customers"
    static let auditWhat = "read the audit log"
    static let noCustomerSelected = "Select a customer first."
    static func pickedFirst(_ name: String) -> String {
        "\(name) picked to combine: find the other customer and press F6 again (Esc in lookup keeps the pick)."
    }
    static let sameCustomer = "That is the same customer: pick the other one."
    static let noPairSelected = "No pair selected."
    static let chooseLink = "Both are linked to Lightspeed: press L to choose the link that stays."
    static let previewNotReady = "The preview is not ready."
    static func merged(_ name: String) -> String { "Combined into \(name)." }
    static let noMore = "No older entries."
    static func badDate(_ field: String) -> String { "\(field): a date like 2026-11-26 or 11/26/2026." }
    static func unknownAction(_ text: String) -> String {
        "No action named \"\(text)\" (as in the Action column: redeem, remove punch, combine…)."
    }
    static func ambiguousAction(_ text: String, _ candidates: [String]) -> String {
        "\"\(text)\" could be " + Counting.list(candidates, or: true) + ": type more of it."
    }
    static func badCustomerNumber(_ text: String) -> String {
        "Customer: \"\(text)\" is not a customer number; type a name or phone, or # and the number."
    }
}

extension ManagerStrings {
    static let redemptionUndone = "Redemption undone: the card is complete again."
    static let notRedeemed = "Select a redeemed card (H shows them) to undo its redemption."
    static let confirmUndoRedemptionTitle = "Undo this redemption?"
    static func confirmUndoRedemption(_ card: CheckoutCard, item: String?) -> [String] {
        let n = card.program.punchesRequired
        return ["\(card.program.name) card \(card.countingPunchesText(n)) goes from redeemed to complete.",
                "The free item (\(item ?? "none recorded")) is taken back.",
                "This is recorded in the audit log."]
    }
}

/// Punch removal's words beyond the checkout's own: the redeemed-card refusal with its way out, and what a
/// removal keeps.
extension ManagerStrings {
    static let removeRefusedTitle = "Cannot remove: the card is redeemed"
    static func removeRefused(_ card: CheckoutCard, punch: Punch, refusal: String, redeemedOn: String?, by: String?,
                              item: String?) -> [String] {
        var redeemed = "\(card.program.name) \(card.countingPunchesText(card.program.punchesRequired)) was redeemed"
        if let redeemedOn, !redeemedOn.isEmpty { redeemed += " \(redeemedOn)" }
        if let by { redeemed += " by \(by)" }
        redeemed += item.map { " (\($0))." } ?? "."
        return [refusal,
                "The punch: \(punch.itemDescription), \(punch.purchaseDate.iso), \(punch.source.rawValue).",
                redeemed,
                "Y undoes the redemption first (the card is complete again, audited);",
                "then D removes the punch. N changes nothing."]
    }
    /// Added under the removal's confirmation: what is kept, and who approves.
    static func removeKeeps(needsApproval: Bool) -> [String] {
        ["Kept in the card's history, struck through, with who, when and why."]
            + (needsApproval ? ["A manager's name and PIN are asked next."] : [])
    }
}

extension CheckoutCard {
    func countingPunchesText(_ n: Int) -> String { "\(detail.countingPunches)/\(n)" }
}

/// The punch-removal reason: common reasons offered (←/→), "Other" opens a text field; required either way.
extension ManagerStrings {
    static let removeReasons = ["Scanned twice", "Wrong customer", "Wrong item", "Returned", "Other"]
    static let fieldOtherReason = "Other reason"

    static func removeReasonForm() -> CheckoutForm {
        var form = CheckoutForm([
            .init(CheckoutStrings.fieldRemoveReason, .choice(removeReasons, selected: 0)),
            .init(fieldOtherReason, .text(TextFieldState(maxLength: 120))),
        ])
        showOtherReason(&form)
        return form
    }

    static func showOtherReason(_ form: inout CheckoutForm) {
        guard form.fields.count == 2 else { return }
        form.fields[1].isVisible = form.choice(0) == removeReasons.count - 1
    }

    /// The reason as stored: the chosen common reason, or the typed one for "Other" (empty when not typed).
    static func removeReason(_ form: CheckoutForm) -> String {
        let i = form.choice(0)
        if i == removeReasons.count - 1 || form.fields.count < 2 {
            return form.text(form.fields.count < 2 ? 0 : 1).trimmingCharacters(in: .whitespaces)
        }
        return removeReasons[i]
    }
}
