import LoyaltyCore
import LoyaltyStore

/// Every sentence the checkout view-model produces (status lines, confirmations, refusals), in one
/// place beside `FeatureStrings` so the shell's file stays the UI-shell engineer's.
public enum CheckoutStrings {
    /// Why a load, an action or a manager's PIN failed.
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    public static let loading = "Loading…"
    public static let noCardSelected = "No card selected: ↑/↓ picks a card."
    public static let noTodaysPurchases = "Nothing recorded today to undo."
    public static let noPointsRewards = "The store offers no points rewards yet."
    public static let pointsOff = "This store does not run a points program."
    public static func quantityInvalid(_ text: String) -> String {
        "\"\(text)\" is not a quantity: type e.g. 3*012345678905 (1 to 999)."
    }
    public static func scanRefused(_ code: String, _ reason: String) -> String { "\(code): \(reason) Nothing recorded." }
    public static func unknownUPC(_ upc: UPC) -> String {
        "\(upc.display) is in no program. X adds it as an exception (manager); Esc skips it."
    }
    public static func recorded(_ result: PurchaseResult, quantity: Int, cards: [CheckoutCard]) -> String {
        let item = result.punches.first?.itemDescription ?? result.program.name
        let n = result.program.punchesRequired
        let touched = Set(result.punches.map(\.cardID))
        let progress = cards.filter { touched.contains($0.id) }
            .map { "\($0.status.progress)" + ($0.isComplete ? " – Reward earned!" : "") }
            .joined(separator: ", ")
        let head = quantity > 1 ? "\(quantity) × \(item)" : item
        return "\(head) → \(result.program.name) " + (progress.isEmpty ? "(\(n) to fill)" : progress)
    }
    public static func redeemed(_ program: String, _ item: String) -> String { "Redeemed \(program): free \(item)." }
    public static let undone = "Punch undone."
    public static let exceptionAdded = "Exception added."
    public static func paperConverted(_ cards: Int) -> String {
        cards == 1 ? "Paper card converted." : "Paper card converted into \(Counting.of(cards, "card"))."
    }
    public static func split(_ newCard: Card, program: String) -> String { "Split: new \(program) card \(newCard.id)." }
    public static let noteSaved = "Card note saved."
    public static func pointsRedeemed(_ name: String) -> String { "Points redeemed: \(name)." }
    public static let punchRemoved = "Punch removed."
    static func refundRemovalReason(_ refundSaleID: String) -> String { LightspeedChangeRule.removalReason(.refund, saleID: refundSaleID) }
    static func refundPunchesRemoved(_ count: Int, _ refundSaleID: String) -> String {
        "\(Counting.of(count, "punch")) of refund \(refundSaleID) removed; \(count == 1 ? "it stays" : "they stay") in the card's history."
    }
    public static func refundRemovalTitle(_ refundSaleID: String) -> String { "Lightspeed refund \(refundSaleID)" }
    /// The question after a Refund press; `items` has one entry per punch to remove.
    public static func refundRemovalLines(_ items: [String]) -> [String] {
        var kinds: [String] = []
        var units: [String: Int] = [:]
        for item in items {
            if units[item] == nil { kinds.append(item) }
            units[item, default: 0] += 1
        }
        let count = items.count
        var lines = [(count == 1 ? "This punch was" : "These \(Counting.of(count, "punch")) were")
                     + " earned by the refunded \(Counting.noun(kinds.count, "item")):"]
        lines += kinds.map { "\(units[$0] ?? 1) × \($0)" }
        lines.append("Remove \(count == 1 ? "it" : "them") if the item came back? Y removes, N keeps.")
        lines.append("Removed punches stay in the card's history with the refund as the reason.")
        return lines
    }
    public static let checkingPIN = "Checking the manager's PIN…"

    // Confirmations
    public static let confirmRedeemTitle = "Redeem this card?"
    public static func confirmRedeem(_ card: CheckoutCard, item: ProgramItem) -> [String] {
        ["\(card.program.name) \(card.status.progress): give \(item.description)"
            + (item.size.isEmpty ? "" : " (\(item.size))") + " free.",
         "Reward rule: \(card.program.rewardRule).",
         "The card becomes redeemed."]
    }
    public static let confirmUndoTitle = "Undo this punch?"
    public static func confirmUndo(_ punch: Punch, card: CheckoutCard?, change: CardChange?) -> [String] {
        var lines = ["\(punch.itemDescription), recorded today by \(punch.recordedBy)."]
        if let card, let change {
            let n = card.program.punchesRequired
            lines.append("\(card.program.name): \(change.countBefore)/\(n) → \(change.countAfter)/\(n)"
                         + (change.stateAfter != change.stateBefore ? ", \(change.stateAfter.rawValue) again." : "."))
        }
        lines.append("It is kept as removed (\(CardRules.undoReason)).")
        return lines
    }
    public static let confirmExceptionTitle = "Add this exception?"
    public static func confirmException(program: Program, item: String, upc: UPC?, reason: String,
                                        quantity: Int = 1) -> [String] {
        ["\(quantity > 1 ? "\(quantity) × " : "")\(item)\(upc.map { " (\($0.display))" } ?? "") onto \(program.name).",
         "Reason: \(reason).",
         "Exceptions are shown distinctly on the card and in the audit log."]
    }
    public static let confirmPaperTitle = "Convert this paper card?"
    public static func confirmPaper(program: Program, punches: Int, first: LocalDate, last: LocalDate) -> [String] {
        let n = program.punchesRequired
        let cards = (punches + n - 1) / max(1, n)
        return ["\(Counting.of(punches, "paper punch")) on \(program.name) (\(n) fill a card)"
                + (cards > 1 ? ", making \(Counting.of(cards, "card"))." : "."),
                PaperConversion.note(first: first, last: last) + "."]
    }
    public static let confirmSplitTitle = "Split this card?"
    public static func confirmSplit(_ card: CheckoutCard, plan: SplitPlan) -> [String] {
        let n = card.program.punchesRequired
        return ["\(card.program.name) \(card.status.progress) becomes \(plan.remainingCount)/\(n)"
                + " and a new card \(plan.newCardCount)/\(n).",
                "\(Counting.of(plan.movingPunchIDs.count, "punch")) \(Counting.verb(plan.movingPunchIDs.count, "moves", "move")) to the new card."]
    }
    public static let confirmPointsTitle = "Redeem points?"
    public static func confirmPoints(_ reward: StoredPointsReward, balance: Int) -> [String] {
        ["\(reward.name) for \(Counting.of(reward.cost, "point")).", "Balance \(balance) → \(balance - reward.cost)."]
    }
    public static let confirmRemoveTitle = "Remove this punch?"
    public static func confirmRemove(_ punch: Punch, card: CheckoutCard, change: CardChange, reason: String) -> [String] {
        let n = card.program.punchesRequired
        return ["\(punch.itemDescription), \(punch.purchaseDate.iso), \(punch.source.rawValue).",
                "\(card.program.name) card goes from \(change.countBefore)/\(n) to \(change.countAfter)/\(n)"
                + (change.stateAfter != change.stateBefore ? "; the \(change.stateBefore.rawValue) card becomes \(change.stateAfter.rawValue) again." : "."),
                "Reason: \(reason)."]
    }

    // Form refusals
    public static let describeItem = "Describe the item."
    public static let chooseProgram = "There is no program to put it on."
    public static let nowPickThePunch = "Now Del removes the punch."
    public static let pickProgram = "Choose the program: type the start of its name, or ←/→."
    public static let punchesNotANumber = "Type how many punches the paper card has."
    public static func notADate(_ label: String) -> String { "\(label): type a date as YYYY-MM-DD (or M/D/YYYY)." }
    public static let managerNeeded = "Type the manager's username and PIN."
    public static let splitMarkHint = "Space marks a punch and goes to the next; Enter moves the marked ones."
}

extension CheckoutStrings {
    // Dialog field labels (the view-model builds the forms)
    public static let fieldProgram = "Program"
    public static let fieldReason = "Reason"
    public static let fieldOtherReason = "Other reason"
    public static let fieldItem = "Item"
    public static let fieldUPC = "UPC"
    public static let fieldQuantity = "Quantity"
    public static let fieldPunches = "Punches"
    public static let fieldFirstDate = "First purchase"
    public static let fieldLastDate = "Last purchase"
    public static let fieldNote = "Note"
    public static let fieldRemoveReason = "Reason"
    public static let fieldManager = "Manager"
    public static let fieldPIN = "PIN"
}
