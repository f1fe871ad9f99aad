import LoyaltyCore

/// Every sentence the Import History view-model and engine produce, in one place.
public enum ImportHistoryStrings {
    public static let loading = "Loading…"
    public static func notLinked(_ name: String) -> String {
        "\(name) is not linked to a Lightspeed customer yet. Link them first: ring up a sale for them in "
            + "Lightspeed and press the Astro Loyalty button, then pick \(name) when asked; Import History then "
            + "finds their earlier purchases."
    }
    public static let notConnected =
        "Lightspeed is not connected to this program. An admin connects it under Enable Lightspeed "
        + "(or `astro-loyalty lightspeed connect`); then run Import History again."
    public static func notADate(_ text: String) -> String {
        "\"\(text)\" is not a date: type it as YYYY-MM-DD, e.g. 2024-03-01."
    }
    public static func inFuture(_ date: LocalDate) -> String {
        "\(date.iso) is in the future; pick today or an earlier day."
    }
    public static let fetching = "Fetching the customer's Lightspeed sales… Esc cancels."
    public static func progress(_ counts: FetchCounts) -> String {
        "\(Counting.of(counts.pages, "page")), \(Counting.of(counts.sales, "sale")), "
            + "\(Counting.of(counts.lines, "line")) so far"
    }
    public static func reviewReady(_ units: Int) -> String {
        units == 0 ? "Nothing new to import. D or Esc goes back to the date."
                   : "Check the list (Space unchecks a row), then A to Agree or D to Decline."
    }
    public static let cancelled = "Import History cancelled. Nothing was changed."
    public static let declined = "Declined. Nothing was changed; pick another start date or Esc."
    public static let nothingChecked = "Nothing is checked to import. D declines, Esc goes back."
    public static let committing = "Importing…"
    public static func fetchFailed(_ why: EffectError) -> String { "\(FeatureStrings.reason(why)) Nothing was changed." }
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    public static let notSelectable = "Only ✓ and Possible duplicate rows can be checked; E makes a No Item row an Exception."
    public static let onlyNoItem = "E adds a No Item row as an Exception; this row is not No Item."
    public static let refundInfo = "Refund lines are for information only: they never add punches."
    /// Why Space does nothing on a row that is not offered (the row's status says it; this says why).
    public static func whyNotOffered(_ status: ImportStatus) -> String {
        switch status {
        case .refund: refundInfo
        case .refunded: "Refunded: a later Lightspeed refund returned this unit, so it is never imported."
        case .alreadyExists: "Transaction Already Exists: a punch on the customer's cards already stands for it."
        case .notHandedOver:
            "Not handed over: a layaway, special order or work order; it earns its punch on the sale that hands it over."
        case .noItem: "No Item: the UPC is in no program. E adds it as an Exception (rarely)."
        default: notSelectable
        }
    }
    public static let managerRechecks =
        "Removed earlier: a manager removed this unit's punch. Only a manager may check it again (sign in as one)."
    public static func recheckedRemoved(_ row: ImportRow) -> String {
        guard let removal = row.removal else { return "Checked again: Agree brings this unit back as a punch." }
        return "Checked again: Agree brings back the unit \(removal.removedBy) removed (\(removal.reason))."
    }
    public static let pointsOff = "This store does not run a points program."
    public static let checkingPIN = "Checking the manager's PIN…"
    public static let managerNeeded = "A manager's username and PIN are needed for an Exception."
    public static let exceptionNeedsProgram = "The store has no programs to put an Exception on."
    public static func exceptionMarked(_ item: String, _ program: String) -> String {
        "\(item) will be added to \(program) as an Exception when you Agree."
    }
    public static func imported(_ outcome: ImportOutcome, completions: [String]) -> String {
        var words = "Import History: \(Counting.of(outcome.punchesAdded, "punch")) added"
        if outcome.pointsAdded != 0 { words += ", " + Counting.of(outcome.pointsAdded, "point") }
        words += "."
        if !outcome.completedCardIDs.isEmpty {
            words += " Reward earned: " + (completions.isEmpty ? Counting.of(outcome.completedCardIDs.count, "card")
                                                              : completions.joined(separator: ", ")) + "."
        }
        return words
    }
}

extension ImportHistoryStrings {
    public static let fieldProgram = "Program"
    public static let fieldReason = "Reason"
    public static let fieldOtherReason = "Other reason"
    public static let fieldManager = "Manager"
    public static let fieldPIN = "PIN"
}
