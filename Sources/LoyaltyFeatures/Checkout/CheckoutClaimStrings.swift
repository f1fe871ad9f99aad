import LoyaltyCore
import LoyaltyStore

/// The claim check's sentences in the redeem flow (the checkout's words, kept beside `CheckoutStrings`).
extension CheckoutStrings {
    public static let checkingClaim = "Checking the manufacturer's rules…"
    public static let claimDetailsTitle = "The manufacturer's claim needs"
    public static let claimDetailsIntro = "Ask the customer; saved with the redemption. Enter checks again."
    public static let claimRefusedTitle = "Not claimable from the manufacturer"
    public static let fieldClaimPhone = "Phone"
    public static let fieldClaimEmail = "Email"
    public static let fieldClaimAddress = "Postal address"
    public static func claimFieldNeeded(_ label: String) -> String { "The claim needs the \(label.lowercased())." }

    /// Below the redemption's confirmation: how the free item is paid for.
    public static func claimLines(funding: RedemptionFunding, preview: ClaimPreview?) -> [String] {
        guard let preview, let set = preview.ruleSet, let result = preview.result else {
            return ["Store-funded: the program has no manufacturer rules, so nothing is claimed."]
        }
        let amount = result.claimCents.map { Money.display(cents: $0) } ?? "?"
        switch funding {
        case .claim:
            return ["Claim: all rules met (version \(set.version)); \(amount) from \(set.rules.distributor)."]
        case .managerException:
            return ["Claim as a manager's exception: \(amount) from \(set.rules.distributor);",
                    "the claim names the manager and the rule not met."]
        case .storeFunded:
            return ["Store-funded: the store pays for it; nothing is claimed."]
        }
    }

    /// The refusal's body: each rule not met, then the ways out.
    public static func claimRefusal(_ preview: ClaimPreview) -> [String] {
        var lines = preview.ruleFailures.map { "• " + $0.description }
        if !preview.missingFields.filter({ $0 != .name }).isEmpty {
            lines.append("• The claim would also need the customer's "
                         + preview.missingFields.filter { $0 != .name }.map(\.words).joined(separator: ", ") + ".")
        }
        if let set = preview.ruleSet { lines.append("(\(set.rules.distributor), rules version \(set.version))") }
        lines.append("P: pick another free item · M: manager's exception (claim it anyway) · F: store-funded, not claimed")
        return lines
    }
}
