import LoyaltyCore

/// Every label and key description of the checkout screen, in one place (beside `UIStrings`, which is
/// the shell's).
public enum CheckoutUIStrings {
    public static let title = "Checkout"
    public static let formTitle = "Checkout dialog"
    public static let cardViewTitle = "Card"
    public static let pickerTitle = "Pick"
    public static let splitTitle = "Split card"
    public static let confirmTitle = "Confirm"
    public static let unknownTitle = "UPC in no program"
    public static let leaveTitle = "Leave this customer?"

    // Keys
    public static let keyScan = "Scan or type a UPC (a scanner works any time)"
    public static let keyQuantity = "Quantity prefix: 3*UPC records 3 units"
    public static let keyScanOrOpen = "Record the typed UPC, or open the selected card"
    public static let keyCard = "Select card"
    public static let keyScroll = "Scroll cards"
    public static let keyRedeem = "Redeem"
    public static let keyUndo = "Undo today's punch"
    public static let keyException = "Exception"
    public static let keyPaper = "Paper card"
    public static let keySplit = "Split"
    public static let keyNote = "Card note"
    public static let keyOpenCard = "Open card (every punch)"
    public static let keyHistory = "Show/hide redeemed cards"
    public static let keyImportHistory = "Import History"
    public static let keyPoints = "Redeem points"
    public static let keyEditCustomer = "Edit customer"
    public static let keyReload = "Reload"
    // The help bar's short words (the `?` overlay has the full ones above).
    static let barUndo = "Undo", barOpen = "Open", barRemove = "Remove", barImport = "Import", barPoints = "Points"
    static let barUnredeem = "Unredeem", barKeys = "Keys", barPaper = "Paper", barHistory = "Redeemed", barEdit = "Edit"
    public static let keyBack = "Back"
    public static let keyNextOrOK = "Next / OK"
    public static let keyOK = "OK"
    public static let keyChoice = "Change a choice (or type the start of its name)"
    static let chooseOne = "choose: type its name or ←/→"
    public static let keyPunch = "Select punch"
    public static let keyRemovePunch = "Remove punch (manager)"
    public static let keyPick = "Pick"
    public static let keyMark = "Mark/unmark, then the next punch"
    public static let keyMoveMarked = "Move marked"
    public static let keyYes = "Yes"
    public static let keyNo = "No"
    public static let keyAddException = "Add as exception"
    public static let keySkip = "Skip"
    public static let keyLeave = "Leave"
    public static let claimRefusedTitle = "Claim check"
    public static let keyPickAnother = "Other item"
    public static let keyClaimException = "Manager exception"
    public static let keyStoreFunded = "Store-funded"

    // Header
    public static let importHistory = "Import History"
    public static func lastImport(_ date: String?) -> String { "last real-time import: \(date ?? "never")" }
    public static func points(_ n: Int) -> String { "Points \(n)" }
    /// The checkout's line while a button press waits for its sale (pressed while the sale was open).
    public static func waiting(_ saleIDs: [String]) -> String? {
        switch saleIDs.count {
        case 0: nil
        case 1: "waiting for Lightspeed sale \(saleIDs[0]) to complete"
        default: "waiting for Lightspeed sales \(saleIDs.joined(separator: ", ")) to complete"
        }
    }
    public static func lightspeed(_ id: String?) -> String { id.map { "Lightspeed #\($0)" } ?? "Lightspeed: not linked" }
    public static let scanLabel = "Scan"
    public static let scanPlaceholder = "UPC (3* for quantity)"
    public static func recording(_ n: Int) -> String { "recording \(n)…" }

    // Cards
    public static let cardsHeading = "Cards"
    public static func cardCounts(open: Int, ready: Int, redeemed: Int, showing: Bool) -> String {
        var parts = ["\(open) open"]
        if ready > 0 { parts.append(Counting.of(ready, "reward") + " ready") }
        if redeemed > 0 { parts.append("\(redeemed) redeemed" + (showing ? " (H hides)" : " (H shows)")) }
        return parts.joined(separator: " · ")
    }
    public static let noCards = "No cards yet: scan a qualifying item to start one."
    public static let rewardEarned = "★ Reward earned"
    public static func redeemed(_ date: String, by: String, item: String) -> String { "Redeemed \(date) by \(by): \(item)" }
    public static func cardOf(_ n: Int, _ total: Int) -> String { "card \(n) of \(total)" }
    public static func window(_ months: Int) -> String { "complete within \(Counting.of(months, "month"))" }

    // Today
    public static func todayHeading(_ n: Int) -> String { "Today's Purchases (\(n))" }
    static func units(_ n: Int, _ item: String) -> String { n > 1 ? "\(n) × \(item)" : item }
    public static let noneToday = "Nothing yet today."
    public static func andMore(_ n: Int) -> String { "… and \(n) more (U lists them)" }

    // Legend
    public static let legendCounter = "counter/button"
    public static let legendImport = "imported"
    public static let legendException = "exception"
    public static let legendPaper = "paper"
    public static let legendEmpty = "to go"

    // Dialogs
    public static func cardViewTitle(_ program: String, _ progress: String) -> String { "\(program) \(progress)" }
    public static let columnDate = "Date"
    public static let columnUPC = "UPC"
    static let columnTime = "Time"
    static let columnOnCard = "On card"
    static func onCard(_ n: Int) -> String { n == 0 ? "" : "\(n) bought" }
    public static let columnItem = "Item"
    public static let columnSource = "Source"
    public static let columnBy = "By"
    public static let columnProgram = "Program"
    public static let redeemPickTitle = "Free item"
    public static func redeemPickIntro(_ rule: String) -> String { "Reward rule: \(rule). Pick the free item:" }
    public static let undoPickTitle = "Undo a punch recorded today"
    public static let splitIntro = "Space marks a punch to move and goes to the next (at least one stays)."
    public static func splitMarked(_ n: Int) -> String { "\(n) marked · Enter moves them · N at the question keeps the marks" }
    public static let pointsPickTitle = "Redeem points"
    public static func pointsBalance(_ n: Int) -> String { "Balance: \(Counting.of(n, "point"))" }
    public static func pointsCost(_ n: Int) -> String { Counting.of(n, "point") }
    public static let exceptionTitle = "Add an exception"
    public static let exceptionManagerNote = "Exceptions need a manager: a cashier is asked for a manager's PIN."
    public static let paperTitle = "Convert a paper card"
    public static let paperNote = "Dates as YYYY-MM-DD or M/D/YYYY; they go into the card's note."
    public static let noteTitle = "Card note"
    public static let removeTitle = "Remove a punch"
    public static let overrideTitle = "Manager override"
    public static let overrideIntro = "A manager approves this with their username and PIN; both names are recorded."
    public static let checkingPIN = "Checking…"
    public static func unknownBody(_ upc: String) -> String {
        "\(upc) is in no program. A manager can add it to a card as an exception (new item/new UPC)."
    }
    public static let leaveBody = "Something is typed and not saved. Leave this customer anyway?"
}
