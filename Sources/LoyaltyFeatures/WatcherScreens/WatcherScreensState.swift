import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The watcher's three screens on the F10 menu (the `Route.admin(.watcher(page))` payload).
public enum WatcherPage: Hashable, Sendable, CaseIterable {
    /// "Lightspeed customers to link" (manager).
    case unlinked
    /// The store-wide sweep for the past (manager).
    case sweep
    /// The watcher's settings for the store (admin).
    case settings
}

/// The state of the watcher's screens (`AppState.watcherScreens`).
public struct WatcherScreensState: Hashable, Sendable {
    public var unlinked = UnlinkedState()
    public var sweep = SweepState()
    public var settings = WatcherSettingsState()
    public init() {}
}

// MARK: - Lightspeed customers to link

/// One line of the queue: a Lightspeed customer (with its queued sales), or a loyalty customer offered for it.
public enum UnlinkedRow: Hashable, Sendable {
    case lightspeed(entry: Int)
    case candidate(entry: Int, candidate: Int)

    public var entry: Int {
        switch self {
        case .lightspeed(let e), .candidate(let e, _): e
        }
    }
}

/// What the queue screen reads in one go.
public struct UnlinkedData: Hashable, Sendable {
    public var entries: [UnlinkedQueue.Entry]
    /// The store's zone: sale times are shown on the store's clock.
    public var timeZoneID: String
    public init(entries: [UnlinkedQueue.Entry], timeZoneID: String) {
        self.entries = entries
        self.timeZoneID = timeZoneID
    }
}

/// A Y/N question on the queue screen.
public enum UnlinkedAsk: Hashable, Sendable {
    /// Link the entry's Lightspeed customer to this loyalty customer and record its queued sales.
    case link(entry: Int, candidate: Int)
    /// Add a loyalty customer from the Lightspeed customer's details, link it and record its sales.
    case add(entry: Int)
}

public struct UnlinkedState: Hashable, Sendable {
    public var data: UnlinkedData?
    public var selection = ListSelection()
    public var ask: UnlinkedAsk?
    public var busy = false
    public var notice: StatusMessage?
    public var pageRows = 10

    public init() {}

    public var entries: [UnlinkedQueue.Entry] { data?.entries ?? [] }

    /// Every Lightspeed customer, each followed by its candidates.
    public var rows: [UnlinkedRow] {
        var rows: [UnlinkedRow] = []
        for (i, entry) in entries.enumerated() {
            rows.append(.lightspeed(entry: i))
            for j in entry.candidates.indices { rows.append(.candidate(entry: i, candidate: j)) }
        }
        return rows
    }

    public var selectedRow: UnlinkedRow? {
        let all = rows
        return selection.index.flatMap { all.indices.contains($0) ? all[$0] : nil }
    }

    public var selectedEntry: UnlinkedQueue.Entry? {
        selectedRow.flatMap { entries.indices.contains($0.entry) ? entries[$0.entry] : nil }
    }
}

public enum UnlinkedMsg: Hashable, Sendable {
    case open
    case back
    case move(Key)
    /// Enter: on a candidate, asks to link.
    case enter
    /// N: add a loyalty customer from the Lightspeed customer's details (asks first).
    case addNew
    /// Y on the question.
    case confirm
    // Results
    case loaded(UnlinkedData)
    case linked(UnlinkedQueue.LinkResult, UnlinkedData)
    case failed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .loaded, .linked, .failed: false
        default: true
        }
    }
}

// MARK: - The sweep

public struct SweepState: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        /// Reading today and the go-live date.
        case loading
        case choosingDate
        /// The start is before go-live: Y goes on.
        case confirmEarlyStart(LocalDate)
        case fetching(since: LocalDate)
        /// The summary per customer.
        case results
        /// One customer's rows (`customer` indexes `result.customers`).
        case rows(customer: Int)
        /// Commit every customer with work: Y commits, N goes back.
        case confirmAll
        case committing
    }

    public var phase: Phase = .loading
    public var dateField = TextFieldState(maxLength: 10, allowed: .only(Set("0123456789-/")))
    public var today: LocalDate?
    public var goLive: LocalDate?
    public var error: String?
    /// Bumped by every run; the run's effect ID and its answers carry it, so a cancelled run's late answers drop.
    public var generation = 0
    public var pages = 0
    public var sales = 0
    public var result: SalesSweep.Result?
    /// What was committed per customer (units added), and what failed (nothing of that customer added).
    public var committed: [Int64: Int] = [:]
    public var failures: [Int64: EffectError] = [:]
    public var selection = ListSelection()
    public var rowSelection = ListSelection()
    public var notice: StatusMessage?
    public var pageRows = 10

    public init() {}

    public var typedDate: LocalDate? { CheckoutInput.parseDate(dateField.text) }

    public var customers: [SalesSweep.CustomerResult] { result?.customers ?? [] }

    public var selectedCustomer: SalesSweep.CustomerResult? {
        selection.index.flatMap { customers.indices.contains($0) ? customers[$0] : nil }
    }

    /// Customers Agree would still add something for (not yet committed).
    public var waiting: [SalesSweep.CustomerResult] {
        customers.filter { $0.review.hasWork && committed[$0.customerID] == nil }
    }
}

public enum SweepMsg: Hashable, Sendable {
    case open
    case editDate(Key)
    /// ↑/↓ a day, PgUp/PgDn a month (up goes back in time, as in Import History).
    case stepDate(Key)
    case enter
    case escape
    case move(Key)
    /// C: commit the selected customer.
    case commitOne
    /// Shift-C or A: commit every customer (asks with the totals).
    case commitAll
    case confirm
    // Results
    case ready(today: LocalDate, goLive: LocalDate?)
    case progress(generation: Int, pages: Int, sales: Int)
    case finished(generation: Int, SalesSweep.Result)
    case failed(generation: Int, EffectError)
    /// Per customer: units added, or why nothing was.
    case committed(added: [Int64: Int], failures: [Int64: EffectError])
    case loadFailed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .ready, .progress, .finished, .failed, .committed, .loadFailed: false
        default: true
        }
    }
}

// MARK: - Watcher settings

/// A shop of the account, for the settings' tick list.
public struct WatcherShop: Hashable, Sendable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// What the settings screen reads: the settings in force, the account's shops (or why they could not be read).
public struct WatcherSettingsData: Hashable, Sendable {
    public var settings: WatcherSettings
    /// True when an admin set them for the store (else they come from the config file).
    public var setInStore: Bool
    public var shops: [WatcherShop]
    public var shopsProblem: EffectError?
    public init(settings: WatcherSettings, setInStore: Bool, shops: [WatcherShop], shopsProblem: EffectError? = nil) {
        self.settings = settings
        self.setInStore = setInStore
        self.shops = shops
        self.shopsProblem = shopsProblem
    }
}

public struct WatcherSettingsState: Hashable, Sendable {
    public var data: WatcherSettingsData?
    public var enabled = true
    /// Percent of the bucket, 5–100 in steps of 5.
    public var sharePercent = 50
    public var shops: Set<String> = []
    /// 0 on/off, 1 the share, 2… the shops.
    public var focus = 0
    public var busy = false
    public var notice: StatusMessage?

    public init() {}

    public var lineCount: Int { 2 + (data?.shops.count ?? 0) }

    /// The edits differ from what was loaded.
    public var isChanged: Bool {
        guard let s = data?.settings else { return false }
        return s.enabled != enabled || Int((s.rateShare * 100).rounded()) != sharePercent || Set(s.shops) != shops
    }
}

public enum WatcherSettingsMsg: Hashable, Sendable {
    case open
    case move(Key)
    /// Space: switch the watcher, or tick a shop.
    case toggle
    /// ←/→ on the share: 5 % less or more.
    case adjust(Int)
    /// Enter: save.
    case save
    case back
    // Results
    case loaded(WatcherSettingsData)
    case saved(WatcherSettingsData)
    case failed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .loaded, .saved, .failed: false
        default: true
        }
    }
}

/// Every message of the watcher's screens.
public enum WatcherScreenMsg: Hashable, Sendable {
    case unlinked(UnlinkedMsg)
    case sweep(SweepMsg)
    case settings(WatcherSettingsMsg)

    public var isIntent: Bool {
        switch self {
        case .unlinked(let m): m.isIntent
        case .sweep(let m): m.isIntent
        case .settings(let m): m.isIntent
        }
    }
}

/// The watcher screens' work. Most of it reads Lightspeed, so the composition root runs it
/// (`WatcherScreenRunner`, with the connected API and the sales feed) on the effect scheduler.
public enum WatcherScreenEffect: Hashable, Sendable, CustomStringConvertible {
    case loadUnlinked
    case link(customerID: Int64, lightspeedID: String, by: Operator)
    case addAndLink(lightspeedID: String, by: Operator)
    /// Today and the go-live date, for the sweep's date.
    case loadSweep
    /// One pass over the account's sales since `since`; cancellable by its generation's ID.
    case runSweep(since: LocalDate, generation: Int)
    /// Import History's Agree for each of these customers, each all or nothing.
    case commitSweep([SalesSweep.CustomerResult], by: Operator)
    case loadSettings
    case saveSettings(enabled: Bool, rateShare: Double, shops: [String], by: Operator)

    public var id: EffectID? {
        if case .runSweep(_, let generation) = self { return .salesSweep(generation) }
        return nil
    }

    public var description: String {
        switch self {
        case .loadUnlinked: "watcher.loadUnlinked"
        case .link(let id, let lightspeedID, let op): "watcher.link(\(id) → Lightspeed \(lightspeedID), by: \(op.username))"
        case .addAndLink(let lightspeedID, let op): "watcher.addAndLink(Lightspeed \(lightspeedID), by: \(op.username))"
        case .loadSweep: "watcher.loadSweep"
        case .runSweep(let since, let g): "watcher.runSweep(since \(since.iso), #\(g))"
        case .commitSweep(let customers, let op): "watcher.commitSweep(\(customers.count) customers, by: \(op.username))"
        case .loadSettings: "watcher.loadSettings"
        case .saveSettings(let enabled, let share, let shops, let op):
            "watcher.saveSettings(\(enabled ? "on" : "off"), share \(share), \(shops.count) shops, by: \(op.username))"
        }
    }
}

extension EffectID {
    /// One run of the store-wide sweep, by the generation the view-model gave it (Esc cancels it).
    public static func salesSweep(_ generation: Int) -> EffectID { EffectID("sales-sweep-\(generation)") }
}
