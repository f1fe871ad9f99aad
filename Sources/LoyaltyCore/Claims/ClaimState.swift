import Foundation

/// A claim's life, from the redemption to the money on the distributor's statement:
/// uncredited → submitted (in a batch) → credited, or denied (reason) → corrected → resubmitted (in a
/// later batch) → credited / denied → reconciled (the credit seen on the distributor's statement).
/// A store-funded redemption is never claimed; a void claim's redemption was undone.
public enum ClaimState: String, Codable, Sendable, CaseIterable, Hashable {
    case uncredited, submitted, credited, denied, corrected, resubmitted, reconciled
    case storeFunded = "store-funded"
    case void

    /// Waiting to go into a batch.
    public var awaitsBatch: Bool { self == .uncredited || self == .corrected }
    /// With the distributor, waiting for a credit memo.
    public var awaitsCredit: Bool { self == .submitted || self == .resubmitted }
    /// Money the store is still owed (or has not been seen paid).
    public var isOwed: Bool { awaitsBatch || awaitsCredit || self == .denied }

    public var words: String {
        switch self {
        case .uncredited: "not yet claimed"
        case .submitted: "submitted"
        case .credited: "credited"
        case .denied: "denied"
        case .corrected: "corrected, to resubmit"
        case .resubmitted: "resubmitted"
        case .reconciled: "reconciled"
        case .storeFunded: "store-funded"
        case .void: "void"
        }
    }
}

/// The moves a claim can make; each is checked here and executed by the store.
public enum ClaimTransition: Hashable, Sendable {
    case submit
    case credit(cents: Int)
    case deny(reason: String)
    case correct(note: String)
    case reconcile
    case void
}

/// Why a claim cannot make a move, in words a manager can act on.
public enum ClaimRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case wrongState(ClaimState, ClaimTransition)
    case reasonRequired
    case negativeCredit
    case notInBatch

    public var description: String {
        switch self {
        case .wrongState(let state, let move):
            "A claim that is \(state.words) cannot be " + move.words + "."
        case .reasonRequired: "A denial or correction needs its reason."
        case .negativeCredit: "A credit is an amount of 0 or more."
        case .notInBatch: "Only a claim in a batch can be submitted."
        }
    }
}

extension ClaimTransition {
    var words: String {
        switch self {
        case .submit: "submitted"
        case .credit: "credited"
        case .deny: "denied"
        case .correct: "corrected"
        case .reconcile: "reconciled"
        case .void: "voided"
        }
    }
}

public enum ClaimLifecycle {
    /// The state after `move`, or the refusal.
    public static func apply(_ move: ClaimTransition, to state: ClaimState) throws(ClaimRefusal) -> ClaimState {
        switch move {
        case .submit:
            switch state {
            case .uncredited: return .submitted
            case .corrected: return .resubmitted
            default: throw .wrongState(state, move)
            }
        case .credit(let cents):
            guard cents >= 0 else { throw .negativeCredit }
            // A late credit for a claim denied earlier (the distributor changed its mind) is taken too.
            guard state.awaitsCredit || state == .denied else { throw .wrongState(state, move) }
            return .credited
        case .deny(let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
            guard state.awaitsCredit else { throw .wrongState(state, move) }
            return .denied
        case .correct(let note):
            guard !note.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
            guard state == .denied else { throw .wrongState(state, move) }
            return .corrected
        case .reconcile:
            guard state == .credited else { throw .wrongState(state, move) }
            return .reconciled
        case .void:
            guard state.awaitsBatch || state == .storeFunded || state == .denied else { throw .wrongState(state, move) }
            return .void
        }
    }
}

/// How long a claim has been owed, in the buckets a money-owed report uses.
public enum ClaimAge: String, Codable, Sendable, CaseIterable, Hashable {
    case upTo30 = "0-30", upTo60 = "31-60", upTo90 = "61-90", over90 = "90+"

    public static func of(redeemedOn: LocalDate, today: LocalDate) -> ClaimAge {
        switch today.days(since: redeemedOn) {
        case ..<31: .upTo30
        case ..<61: .upTo60
        case ..<91: .upTo90
        default: .over90
        }
    }
}

/// A claim's deadline and whether it is close: `warningDays` before it, a manager's screen flags it.
public enum ClaimDeadline {
    public static let warningDays = 14

    public static func due(redeemedOn: LocalDate, rules: ClaimRules) -> LocalDate {
        redeemedOn.adding(days: rules.claimDeadlineDays)
    }

    /// "overdue", "due soon" or nil, for a claim still waiting to be submitted.
    public static func flag(due: LocalDate, today: LocalDate, state: ClaimState) -> String? {
        guard state.awaitsBatch else { return nil }
        if due < today { return "overdue" }
        if due.days(since: today) <= warningDays { return "due soon" }
        return nil
    }
}
