import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The Import History screens' labels, titles and key descriptions.
enum ImportHistoryUIStrings {
    static let title = "Import History"
    static func title(_ name: String) -> String { "Import History — \(name)" }
    static func lastImport(_ date: LocalDate?) -> String { "Last real-time import:  " + (date?.iso ?? "never") }
    static func goLive(_ date: LocalDate?) -> String { "Store started loyalty:  " + (date?.iso ?? "not set") }
    static let startDate = "Start date:"
    static let dateHint = "YYYY-MM-DD · ↑/↓ day · PgUp/PgDn month"
    static let pointsLabel = "Import History for Points"
    static let pointsOffNote = "(the store runs no points program)"
    static func explain(_ name: String) -> String {
        "Finds \(name)'s completed Lightspeed sales from the start date until now that never reached the cards. "
            + "Nothing changes until you Agree."
    }
    static let earlyTitle = "Before the store started loyalty"
    static func earlyBody(_ start: LocalDate, goLive: LocalDate?) -> [String] {
        [ImportRange.beforeGoLiveWarning,
         "Start from \(start.iso) anyway\(goLive.map { " (go-live: \($0.iso))" } ?? "")?"]
    }
    static func fetchingFrom(_ name: String, _ start: LocalDate) -> String {
        "Fetching \(name)'s Lightspeed sales from \(start.iso) until now…"
    }
    static let escCancels = "Esc cancels; nothing is changed."
    static let committing = "Importing… (all or nothing)"
    static func range(_ review: ImportReview) -> String { "\(review.start.iso) – \(review.end.iso)" }
    static func fetched(_ c: FetchCounts) -> String {
        "Read \(Counting.of(c.pages, "page")), \(Counting.of(c.sales, "sale")), "
            + Counting.of(c.lines, "line")
    }
    static let nothingFound = "No purchases in this range."
    static func completes(_ cards: [String]) -> String {
        cards.isEmpty ? "Completes no card." : "Completes: " + cards.joined(separator: ", ") + " — Reward earned"
    }
    /// "3 to import, 3 already exist, 2 no item, +34 points, 1 possible duplicate, 1 refund": the product's
    /// three counts first, then what fits.
    static func summary(_ review: ImportReview, width: Int) -> String {
        let s = review.summary
        var parts = ["\(s.toImport) to import", "\(s.alreadyExist) already exist", "\(s.noItem) no item"]
        var optional: [String] = []
        if review.pointsRequested {
            optional.append(review.points.isEmpty ? "no sale missing points" : "+" + Counting.of(review.pointsToAdd, "point"))
        }
        if s.possibleDuplicate > 0 { optional.append("\(s.possibleDuplicate) possible duplicate") }
        if s.refund > 0 { optional.append("\(s.refund) refund") }
        for part in optional where TextWidth.width(of: (parts + [part]).joined(separator: ", ")) <= width {
            parts.append(part)
        }
        return parts.joined(separator: ", ")
    }

    // Columns
    static let columnDate = "Date"
    static let columnUPC = "UPC"
    static let columnItem = "Item"
    static let columnQty = "Qty"
    static let columnStatus = "Status"
    static func pointsItem(_ saleID: String) -> String { "Points, sale #\(saleID)" }
    static func pointsStatus(_ points: Int) -> String { (points >= 0 ? "+" : "") + Counting.of(points, "point") }
    static let exceptionSuffix = " → Exception"
    /// After "Removed earlier" on the row: who removed the punch (when and why are in the details).
    static func removedBy(_ who: String) -> String { " (by \(who))" }

    // Details
    static let detailsTitle = "Sale line"
    static let exceptionTitle = "Add as an Exception"
    static let exceptionIntro = "Puts this item on a program's card although the program does not list it. Rare."
    static let overrideTitle = "Manager override: Exception"
    static let overrideIntro = "A manager types their username and PIN to approve this Exception."
    static let checkingPIN = "Checking…"

    // Keys
    static let keyFetch = "Fetch"
    static let keyDay = "Day before/after"
    static let keyMonth = "Month before/after"
    static let barDay = "Day"
    static let keyPoints = "Points"
    static let keyLastImport = "Last import date"
    static let keyTypeDate = "Type the date"
    static let keyYes = "Yes, start there"
    static let keyNo = "No"
    static let keyCancelFetch = "Cancel"
    static let keyRow = "Row"
    static let keyPageEnds = "Page (Home/End: first/last row)"
    static let keyCheck = "Check"
    static let keyDetails = "Details"
    static let keyException = "Exception"
    static let keyAgree = "Agree"
    static let keyDecline = "Decline"
    static let keyClose = "Close"
    static let keyNextOrOK = "Next / OK"
    static let keyOK = "OK"
    static let keyChoice = "Change a choice"
}
