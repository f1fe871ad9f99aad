import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// What the "Changed in Lightspeed" screen reads in one go: the changes waiting for a manager (each with what
/// applying would do now) and the store's clock for their dates.
public struct ChangesData: Hashable, Sendable {
    public var changes: [LightspeedChangeRecord]
    public var timeZone: TimeZone
    public init(changes: [LightspeedChangeRecord], timeZone: TimeZone) {
        self.changes = changes
        self.timeZone = timeZone
    }
    public var calendar: StoreCalendar { StoreCalendar(timeZone: timeZone) }
}

/// A question over the list: apply (Y/N) or the reason for dismissing (one field).
public enum ChangesAsk: Hashable, Sendable {
    case confirmApply(id: Int64)
    case dismissReason(id: Int64)

    public var takesText: Bool {
        if case .dismissReason = self { true } else { false }
    }
}

/// The manager's review queue of refunds and voids Lightspeed made to recorded sales: the list, the one under
/// review (Enter: every unit, its card and what happens to it), and the open question.
public struct ChangesState: Hashable, Sendable {
    public var data: ChangesData?
    public var selection = ListSelection()
    /// The change shown whole (Enter); nil: the list.
    public var reviewing: Int64?
    public var ask: ChangesAsk?
    public var field = TextFieldState(maxLength: 200)
    public var busy = false
    public var notice: StatusMessage?
    public var pageRows = 10
    /// How many changes wait, for a manager's status bar ("2 changes from Lightspeed to review"); nil: not read.
    public var reviewCount: Int?

    public init() {}

    public var changes: [LightspeedChangeRecord] { data?.changes ?? [] }
    public var selected: LightspeedChangeRecord? {
        if let reviewing { return changes.first { $0.id == reviewing } }
        return selection.index.flatMap { changes.indices.contains($0) ? changes[$0] : nil }
    }
}

/// The screen's messages: keys, then the effects' answers.
public enum ChangesMsg: Hashable, Sendable {
    case open
    case back
    case move(Key)
    /// Enter: review the selected change (on the question: OK).
    case enter
    /// A: apply the change (asks Y/N first).
    case apply
    /// D: dismiss it (asks the reason first).
    case dismiss
    case confirm
    case edit(Key)
    // Results
    case loaded(ChangesData)
    case done(String, ChangesData)
    case failed(EffectError)
    /// How many changes wait (`ChangesEffect.count`).
    case counted(Int)

    public var isIntent: Bool {
        switch self {
        case .loaded, .done, .failed, .counted: false
        default: true
        }
    }
}

/// The screen's work for the effect runner (`ChangesEffects`), and the status bar's count.
public enum ChangesEffect: Hashable, Sendable, CustomStringConvertible {
    case load
    case apply(id: Int64, by: Operator)
    case dismiss(id: Int64, reason: String, by: Operator)
    /// How many changes wait (for a manager's status bar).
    case count

    public var description: String {
        switch self {
        case .load: "changes.load"
        case .apply(let id, let op): "changes.apply(\(id), by: \(op.username))"
        case .dismiss(let id, _, let op): "changes.dismiss(\(id), by: \(op.username))"
        case .count: "changes.count"
        }
    }
}
