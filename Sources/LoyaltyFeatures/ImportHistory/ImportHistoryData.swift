import Foundation
import LoyaltyCore
import LoyaltyStore

/// What the Import History dialog needs to know before anything is fetched: who the customer is, whether
/// they are linked to Lightspeed, whether Lightspeed is connected at all, the last real-time import (the
/// date offered), the store's go-live date (the warning) and today (nothing later can be chosen).
public struct ImportHistoryContext: Hashable, Sendable {
    public var customerID: Int64
    public var customerName: String
    public var lightspeedCustomerID: String?
    public var lightspeedConnected: Bool
    /// The store-local date of the last real-time import, nil when the button was never pressed.
    public var lastRealtimeImport: LocalDate?
    public var goLive: LocalDate?
    public var today: LocalDate
    public var pointsEnabled: Bool

    public init(customerID: Int64, customerName: String, lightspeedCustomerID: String?, lightspeedConnected: Bool,
                lastRealtimeImport: LocalDate?, goLive: LocalDate?, today: LocalDate, pointsEnabled: Bool) {
        self.customerID = customerID
        self.customerName = customerName
        self.lightspeedCustomerID = lightspeedCustomerID
        self.lightspeedConnected = lightspeedConnected
        self.lastRealtimeImport = lastRealtimeImport
        self.goLive = goLive
        self.today = today
        self.pointsEnabled = pointsEnabled
    }

    /// The start date offered first: the last real-time import, else the go-live date, else 30 days back.
    public var suggestedStart: LocalDate {
        lastRealtimeImport ?? goLive.map { min($0, today) } ?? today.adding(days: -30)
    }

    /// Why nothing can be fetched for this customer, if so.
    public var blocker: String? {
        if lightspeedCustomerID == nil { return ImportHistoryStrings.notLinked(customerName) }
        if !lightspeedConnected { return ImportHistoryStrings.notConnected }
        return nil
    }
}

/// A program as the review's summary needs it.
public struct ImportProgramInfo: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var punchesRequired: Int

    public init(id: Int64, name: String, punchesRequired: Int) {
        self.id = id
        self.name = name
        self.punchesRequired = punchesRequired
    }
}

/// One row of the review list: a sale line's row from the matcher, or (with Import History for Points) a sale
/// that never earned its points.
public enum ImportEntry: Hashable, Sendable {
    /// Index into `ImportReview.rows`.
    case line(Int)
    /// Index into `ImportReview.points`.
    case points(Int)
}

/// A sale of the range without a points entry, and whether Agree adds its points.
public struct ImportPointsRow: Hashable, Sendable {
    public var candidate: PointsCandidate
    public var ticketNumber: String
    public var checked: Bool

    public init(candidate: PointsCandidate, ticketNumber: String, checked: Bool = true) {
        self.candidate = candidate
        self.ticketNumber = ticketNumber
        self.checked = checked
    }
}

/// Everything the fetch found, matched against the customer's punches: the review list and what its summary
/// needs (programs and the customer's current cards, to say which cards the import completes).
public struct ImportReview: Hashable, Sendable {
    public var customerID: Int64
    public var start: LocalDate
    public var end: LocalDate
    public var rows: [ImportRow]
    public var points: [ImportPointsRow]
    /// Import History for Points was asked for (an empty `points` then means none were missing).
    public var pointsRequested: Bool
    public var programs: [Int64: ImportProgramInfo]
    /// The customer's open and complete cards per program when the review was made.
    public var cards: [Int64: [CardSlot]]
    public var timeZoneID: String
    /// What the fetch read (pages, sales, lines).
    public var fetched: FetchCounts
    /// The watcher's queued sales (of a Lightspeed customer just linked) this review was made of: Agree takes
    /// them off the queue in its own transaction. Empty for an ordinary Import History.
    public var queuedSaleIDs: [String] = []

    public init(customerID: Int64, start: LocalDate, end: LocalDate, rows: [ImportRow], points: [ImportPointsRow] = [],
                pointsRequested: Bool = false, programs: [Int64: ImportProgramInfo] = [:], cards: [Int64: [CardSlot]] = [:],
                timeZoneID: String = "UTC", fetched: FetchCounts = FetchCounts()) {
        self.customerID = customerID
        self.start = start
        self.end = end
        self.rows = rows
        self.points = points
        self.pointsRequested = pointsRequested
        self.programs = programs
        self.cards = cards
        self.timeZoneID = timeZoneID
        self.fetched = fetched
    }

    /// The list as shown: line rows and points rows by date (sale time), points after the lines of their sale.
    public var entries: [ImportEntry] {
        var keyed: [(Date, Int, Int, ImportEntry)] = []
        for (i, row) in rows.enumerated() { keyed.append((row.line.completedAt, 0, i, .line(i))) }
        for (i, p) in points.enumerated() { keyed.append((p.candidate.sale.completedAt, 1, i, .points(i))) }
        return keyed.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
    }

    public var summary: ImportSummary { ImportSummary(rows: rows) }

    /// Points Agree adds.
    public var pointsToAdd: Int { points.filter(\.checked).reduce(0) { $0 + $1.candidate.points } }

    /// The points candidates Agree sends.
    public var checkedPoints: [PointsCandidate] { points.filter(\.checked).map(\.candidate) }

    /// True when Agree would change something.
    public var hasWork: Bool { rows.contains(where: \.commits) || points.contains(where: \.checked) }

    /// The cards the checked rows would complete, in words ("MeNow Munchies (card 2)"), oldest purchase first.
    public var completions: [String] {
        let required = programs.mapValues(\.punchesRequired)
        guard let plans = try? ImportMatcher.plan(rows: rows, punchesRequired: required, cards: cards) else { return [] }
        var words: [String] = []
        for plan in plans {
            let name = programs[plan.programID]?.name ?? "Program \(plan.programID)"
            let existing = cards[plan.programID] ?? []
            for id in plan.fill.completedCardIDs {
                let number = (existing.sorted { ($0.createdAt, $0.cardID) < ($1.createdAt, $1.cardID) }
                    .firstIndex { $0.cardID == id } ?? 0) + 1
                words.append(existing.count > 1 ? "\(name) (card \(number))" : name)
            }
            for index in plan.fill.completedNewCards {
                words.append(existing.isEmpty && plan.fill.completedNewCards.count == 1
                             ? name : "\(name) (new card \(index + 1))")
            }
        }
        return words
    }

    /// The review range as the store records it.
    public var range: ClosedRange<LocalDate> { start...max(start, end) }
}

/// A copy of the client's progress counts that lives in Features' states (Hashable, no Lightspeed import needed
/// by screens).
public struct FetchCounts: Hashable, Sendable, Codable {
    public var pages: Int
    public var sales: Int
    public var lines: Int

    public init(pages: Int = 0, sales: Int = 0, lines: Int = 0) {
        self.pages = pages
        self.sales = sales
        self.lines = lines
    }
}

/// What Agree did, for the status line back on the checkout screen.
public struct ImportOutcome: Hashable, Sendable {
    public var runID: Int64
    public var punchesAdded: Int
    public var completedCardIDs: [Int64]
    public var pointsAdded: Int

    public init(runID: Int64, punchesAdded: Int, completedCardIDs: [Int64], pointsAdded: Int) {
        self.runID = runID
        self.punchesAdded = punchesAdded
        self.completedCardIDs = completedCardIDs
        self.pointsAdded = pointsAdded
    }
}
