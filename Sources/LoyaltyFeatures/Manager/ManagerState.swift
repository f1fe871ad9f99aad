import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// Which manager screen is shown (`Route.manager`).
public enum ManagerPage: Hashable, Sendable {
    case auditLog
    case duplicates
    case combine
}

/// The manager's screens (audit log, likely duplicates, combine preview): their lists and the pick in
/// progress. A cashier never gets here: `AppFeature` refuses before any of it loads (the store asks again).
public struct ManagerState: Hashable, Sendable {
    public var auditLog: AuditLogState
    public var duplicates: DuplicatesState
    public var combine: CombineState
    /// The first customer picked in lookup for a combine (F6), waiting for the second.
    public var combinePick: CustomerSummary?

    public init() {
        auditLog = AuditLogState()
        duplicates = DuplicatesState()
        combine = CombineState(primaryID: 0, duplicateID: 0)
        combinePick = nil
    }
}

/// The audit log: newest first, a page at a time (older pages by `beforeID`), and its filter.
public struct AuditLogState: Hashable, Sendable {
    public static let pageSize = 100
    public var entries: [AuditEntry]
    public var selection: ListSelection
    /// The last page was full: there may be older entries.
    public var hasMore: Bool
    public var isLoading: Bool
    public var error: String?
    /// Customer (name, phone, email, or #number), username, action (its word as shown), from date, until
    /// date (YYYY-MM-DD, the until day included).
    public var filter: [TextFieldState]
    /// The filter field being edited, nil while browsing.
    public var filterFocus: Int?
    /// The filter as applied (for paging).
    public var applied: AuditFilter
    public var appliedFrom: LocalDate?
    public var appliedUntil: LocalDate?
    public var pageRows: Int
    /// Where Esc goes back to (lookup, or the checkout screen it was opened from).
    public var returnRoute: Route
    /// The store's time zone (IANA id): entry times are shown on the store's clock, as the filter's days are.
    public var timeZoneID: String

    public init() {
        returnRoute = .lookup
        timeZoneID = "UTC"
        entries = []
        selection = ListSelection()
        hasMore = false
        isLoading = false
        error = nil
        filter = [TextFieldState(maxLength: 100), TextFieldState(maxLength: 40),
                  TextFieldState(maxLength: 40), TextFieldState(maxLength: 10, allowed: .date),
                  TextFieldState(maxLength: 10, allowed: .date)]
        filterFocus = nil
        applied = AuditFilter(limit: Self.pageSize)
        appliedFrom = nil
        appliedUntil = nil
        pageRows = 10
    }

    public var selectedEntry: AuditEntry? {
        selection.index.flatMap { entries.indices.contains($0) ? entries[$0] : nil }
    }

    /// The entries shown come from more than one location (a chain): the log shows where each happened. A store
    /// of one location keeps its columns as they were.
    public var showsLocation: Bool { Set(entries.compactMap(\.location)).count > 1 }
}

/// Ranked pairs of customers who are probably one person.
public struct DuplicatesState: Hashable, Sendable {
    public var pairs: [DuplicatePair]
    public var selection: ListSelection
    public var isLoading: Bool
    public var error: String?

    public init() {
        pairs = []
        selection = ListSelection()
        isLoading = false
        error = nil
    }

    public var selectedPair: DuplicatePair? {
        selection.index.flatMap { pairs.indices.contains($0) ? pairs[$0] : nil }
    }
}

/// The combine preview: the two customers side by side, which one stays (the primary), which Lightspeed
/// link survives when both are linked, whether open cards of one program are joined, and the plan.
public struct CombineState: Hashable, Sendable {
    public var primaryID: Int64
    public var duplicateID: Int64
    public var preview: CombinePreview?
    public var linkChoice: LightspeedLinkChoice?
    public var joinOpenCards: Bool
    /// The "combine now?" question is open.
    public var confirming: Bool
    /// The two share no phone, email or name, and the manager said Y once: the second question is open.
    public var confirmingUnrelated: Bool = false
    public var isBusy: Bool
    public var error: String?
    /// Where Esc goes back to (lookup, or the likely-duplicates list).
    public var returnRoute: Route = .lookup

    public init(primaryID: Int64, duplicateID: Int64) {
        self.primaryID = primaryID
        self.duplicateID = duplicateID
        preview = nil
        linkChoice = nil
        joinOpenCards = false
        confirming = false
        isBusy = false
        error = nil
    }

    /// Nothing says these two are one person: a different phone, a different email and an unrelated name.
    /// Combining them then takes a second, explicit Y (a wrong combine mixes two people's cards).
    public var sharesNothing: Bool {
        guard let p = preview?.primary.customer, let d = preview?.duplicate.customer else { return false }
        let input = NormalizedCustomerInput(firstName: p.firstName, lastName: p.lastName, phone: p.phone, email: p.email)
        return DuplicateCustomers.reasons(for: input, existing: d).isEmpty
    }

    /// Both customers are linked to different Lightspeed customers: the manager must choose.
    public var needsLinkChoice: Bool {
        guard let p = preview?.primary.customer.lightspeedCustomerID,
              let d = preview?.duplicate.customer.lightspeedCustomerID else { return false }
        return p != d
    }
}

/// What the combine screen shows: both customers as the store holds them, and the plan (or why not).
public struct CombinePreview: Hashable, Sendable {
    public var primary: CustomerDetail
    public var duplicate: CustomerDetail
    public var plan: MergePlan?
    /// The planner's refusal (e.g. a join over N, a link choice needed).
    public var refusal: EffectError?
    /// The refusal in words, for the screen.
    public var refusalSentence: String? { refusal.map(ManagerStrings.failed) }
    /// The joins asked for: per program, the primary's oldest open card keeps the duplicate's.
    public var joins: [CardJoin]

    public init(primary: CustomerDetail, duplicate: CustomerDetail, plan: MergePlan?, refusal: EffectError?,
                joins: [CardJoin]) {
        self.primary = primary
        self.duplicate = duplicate
        self.plan = plan
        self.refusal = refusal
        self.joins = joins
    }

    /// For each program in which both customers have an open card: join the duplicate's oldest open card
    /// into the primary's oldest (the planner refuses a join over N).
    public static func openCardJoins(primary: CustomerDetail, duplicate: CustomerDetail) -> [CardJoin] {
        primary.programs.compactMap { entry in
            guard let kept = entry.cards.first(where: { $0.card.state == .open }),
                  let other = duplicate.programs.first(where: { $0.program.id == entry.program.id }),
                  let absorbed = other.cards.first(where: { $0.card.state == .open }) else { return nil }
            return CardJoin(kept: kept.id, absorbed: absorbed.id)
        }
    }
}
