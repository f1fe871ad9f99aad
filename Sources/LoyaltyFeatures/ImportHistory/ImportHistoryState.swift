import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The Import History screen for one customer: the start-date dialog, then the fetch with its progress
/// line, then the review list and its dialogs. `ImportHistoryFeature.update` is the only code that changes it.
public struct ImportHistoryState: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        /// Reading the customer and settings.
        case loading
        /// The dialog: start date and the points checkbox.
        case choosingDate
        /// The start is before go-live: the warning waits for Y.
        case confirmEarlyStart(LocalDate)
        /// Fetching (`generation` tells this fetch's answers from a cancelled one's).
        case fetching(start: LocalDate)
        case reviewing
        /// Agree sent; waiting for the store.
        case committing
    }

    public var customerID: Int64
    public var context: ImportHistoryContext?
    public var phase: Phase
    /// The start date as typed (YYYY-MM-DD).
    public var dateField: TextFieldState
    /// Import History for Points.
    public var includePoints: Bool
    /// The dialog's refusal (bad date, future date) or the fetch's failure.
    public var error: String?
    /// Bumped by every fetch; answers of another generation are dropped.
    public var generation: Int
    public var progress: FetchCounts
    public var review: ImportReview?
    /// The selected entry of `review.entries`.
    public var selection: ListSelection
    /// Rows the list shows (PgUp/PgDn); the shell sets it from the terminal size.
    public var pageRows: Int
    public var modal: ImportHistoryModal?
    /// A cashier's Exceptions were approved by this manager (the commit carries the approval).
    public var approvedOperator: Operator?
    /// A line for the status bar; the shell moves it there after each message.
    public var notice: StatusMessage?

    public init(customerID: Int64) {
        self.customerID = customerID
        context = nil
        phase = .loading
        dateField = TextFieldState(maxLength: 10, allowed: .only(Set("0123456789-/")))
        includePoints = false
        error = nil
        generation = 0
        progress = FetchCounts()
        review = nil
        selection = ListSelection()
        pageRows = 10
        modal = nil
        approvedOperator = nil
        notice = nil
    }

    /// The review list's entries in order (empty before the fetch).
    public var entries: [ImportEntry] { review?.entries ?? [] }

    public var selectedEntry: ImportEntry? {
        let all = entries
        return selection.index.flatMap { all.indices.contains($0) ? all[$0] : nil }
    }

    /// The selected entry's line row, when it is one.
    public var selectedRowIndex: Int? {
        if case .line(let i)? = selectedEntry { return i }
        return nil
    }

    /// True when a dialog's text field takes typed keys.
    public var modalTakesTyping: Bool {
        switch modal {
        case .exception, .override: true
        default: false
        }
    }

    /// The date typed, when it reads as one.
    public var typedDate: LocalDate? { CheckoutInput.parseDate(dateField.text) }
}

/// Dialogs over the review list.
public enum ImportHistoryModal: Hashable, Sendable {
    /// The line's details: sale ID, ticket number, time, register, employee.
    case details(ImportEntry)
    /// A No Item row as an Exception: program and reason (and the other reason's words).
    case exception(CheckoutForm, rowIndex: Int)
    /// A cashier's Exception needs a manager: username and PIN. `checking` while the store checks it.
    case override(CheckoutForm, rowIndex: Int, programID: Int64, reason: String, checking: Bool)
}
