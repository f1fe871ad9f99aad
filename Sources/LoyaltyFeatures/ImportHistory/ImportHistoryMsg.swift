import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// What can happen on the Import History screen: the cashier's intents, then the answers of the effects.
public enum ImportHistoryMsg: Hashable, Sendable {
    // Intents — the date dialog
    /// A key for the date field (digits, `-`, Backspace…).
    case editDate(Key)
    /// ←/→/↑/↓ step the date by a day, PgUp/PgDn by a month.
    case stepDate(Key)
    /// Back to the last real-time import date.
    case useLastImport
    /// Space on the dialog: Import History for Points.
    case togglePoints
    // Intents — the review list
    case move(Key)
    /// Space on a row: uncheck or re-check it.
    case toggleRow
    /// Enter: the dialog's start, the review row's details, or closing the details.
    case enter
    /// `E` on a No Item row: add it as an Exception.
    case requestException
    /// A — Agree: commit the checked rows.
    case agree
    /// D — Decline: back to the date choice, nothing changed.
    case decline
    /// Y on the go-live warning.
    case confirm
    /// Esc: close the dialog, cancel the fetch, decline, or leave (in that order).
    case escape
    /// A key for the open form (exception, manager PIN).
    case modalEdit(Key)
    case modalNextField
    case modalPreviousField
    case modalSubmit
    // Results
    case contextLoaded(ImportHistoryContext)
    case loadFailed(id: Int64, EffectError)
    case fetchProgress(generation: Int, FetchCounts)
    case reviewLoaded(generation: Int, ImportReview)
    case fetchFailed(generation: Int, EffectError)
    case approved(Operator)
    case approvalRefused(EffectError)
    case committed(ImportOutcome, completions: [String])
    case commitFailed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .contextLoaded, .loadFailed, .fetchProgress, .reviewLoaded, .fetchFailed, .approved, .approvalRefused,
             .committed, .commitFailed: false
        default: true
        }
    }
}

/// Import History's work for the effect runner.
public enum ImportHistoryEffect: Hashable, Sendable, CustomStringConvertible {
    case load(customerID: Int64)
    /// Fetch and match; answers carry `generation`.
    case fetch(customerID: Int64, start: LocalDate, includePoints: Bool, generation: Int)
    /// A manager's PIN for a cashier's Exception.
    case approve(Operator, manager: String, pin: String)
    case commit(ImportReview, by: Operator)

    /// The name a fetch runs under, so Esc cancels exactly that one (`Effect.cancel`).
    public var id: EffectID? {
        if case .fetch(_, _, _, let generation) = self { return .importHistoryFetch(generation) }
        return nil
    }

    /// For the log: IDs and counts only, never a PIN.
    public var description: String {
        switch self {
        case .load(let id): "importHistory.load(\(id))"
        case .fetch(let id, let start, let points, let g): "importHistory.fetch(\(id), from \(start.iso), points: \(points), #\(g))"
        case .approve(let op, let manager, _): "importHistory.approve(\(op.username) by \(manager))"
        case .commit(let review, let op): "importHistory.commit(\(review.customerID), \(review.summary.toImport) units, by: \(op.username))"
        }
    }
}
