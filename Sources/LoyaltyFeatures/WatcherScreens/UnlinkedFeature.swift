import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// "Lightspeed customers to link" (manager; the store asks again on every write): ↑/↓ over the queue, Enter on
/// a loyalty customer asks to link (Y), N asks to add one from the Lightspeed details (Y). What linking found is
/// the shell's to show: today's sales recorded, older ones in Import History's review.
public enum UnlinkedFeature {
    public static func update(_ s: inout UnlinkedState, _ msg: UnlinkedMsg, session: Session) -> [Effect] {
        if msg.isIntent, msg != .back, !session.may(.reviewLightspeedSales) {
            s.notice = .error(FeatureStrings.notAllowed(.reviewLightspeedSales))
            return []
        }
        switch msg {
        case .open:
            s.busy = true
            s.ask = nil
            return [.watcher(.loadUnlinked)]
        case .back:
            s.ask = nil
            return []
        case .move(let key):
            guard s.ask == nil else { return [] }
            s.selection.handle(key, visibleRows: s.pageRows)
            return []
        case .enter:
            guard s.ask == nil, !s.busy, let row = s.selectedRow else { return [] }
            guard case .candidate(let entry, let candidate) = row else {
                s.notice = StatusMessage(WatcherScreensStrings.pickCandidate)
                return []
            }
            s.ask = .link(entry: entry, candidate: candidate)
            return []
        case .addNew:
            guard s.ask == nil, !s.busy, let row = s.selectedRow else { return [] }
            s.ask = .add(entry: row.entry)
            return []
        case .confirm:
            guard let ask = s.ask else { return [] }
            s.ask = nil
            s.busy = true
            s.notice = StatusMessage(WatcherScreensStrings.linking)
            switch ask {
            case .link(let e, let c):
                guard s.entries.indices.contains(e), s.entries[e].candidates.indices.contains(c) else { return [] }
                let entry = s.entries[e]
                return [.watcher(.link(customerID: entry.candidates[c].customerID,
                                       lightspeedID: entry.lightspeed.lightspeedCustomerID, by: session.op))]
            case .add(let e):
                guard s.entries.indices.contains(e) else { return [] }
                return [.watcher(.addAndLink(lightspeedID: s.entries[e].lightspeed.lightspeedCustomerID, by: session.op))]
            }
        case .loaded(let data):
            apply(&s, data)
            return []
        case .linked(let result, let data):
            apply(&s, data)
            s.notice = .success(WatcherScreensStrings.linked(result))
            return []
        case .failed(let why):
            s.busy = false
            s.notice = .error(WatcherScreensStrings.failed(why))
            return []
        }
    }

    /// New data keeps the same Lightspeed customer selected when it is still there.
    static func apply(_ s: inout UnlinkedState, _ data: UnlinkedData) {
        let selectedID = s.selectedEntry?.lightspeed.lightspeedCustomerID
        s.data = data
        s.busy = false
        let rows = s.rows
        s.selection.setCount(rows.count, visibleRows: s.pageRows)
        if let selectedID, let e = data.entries.firstIndex(where: { $0.lightspeed.lightspeedCustomerID == selectedID }),
           let row = rows.firstIndex(of: .lightspeed(entry: e)) {
            s.selection.select(row, visibleRows: s.pageRows)
        }
    }
}

/// The sweep (manager): a date (30 days back offered; checked as Import History checks its date), one pass,
/// the summary per customer, a customer's rows, committing one (C) or all (Shift-C / A, asked with the totals).
public enum SweepFeature {
    public static func update(_ s: inout SweepState, _ msg: SweepMsg, session: Session) -> [Effect] {
        if msg.isIntent, msg != .escape, !session.may(.reviewLightspeedSales) {
            s.notice = .error(FeatureStrings.notAllowed(.reviewLightspeedSales))
            return []
        }
        switch msg {
        case .open:
            let generation = s.generation
            s = SweepState()
            s.generation = generation
            return [.watcher(.loadSweep)]
        case .ready(let today, let goLive):
            s.today = today
            s.goLive = goLive
            if s.phase == .loading {
                s.phase = .choosingDate
                offer(&s, today.adding(days: -30))
            }
            return []
        case .loadFailed(let why):
            s.error = FeatureStrings.reason(why)
            s.notice = .error(s.error!)
            return []
        case .editDate(let key):
            guard s.phase == .choosingDate else { return [] }
            if s.dateField.handle(key) == .edited { s.error = nil }
            return []
        case .stepDate(let key):
            guard s.phase == .choosingDate, let today = s.today else { return [] }
            let base = s.typedDate ?? today.adding(days: -30)
            let stepped: LocalDate
            switch key {
            case .up: stepped = base.adding(days: -1)
            case .down: stepped = base.adding(days: 1)
            case .pageUp: stepped = ImportHistoryFeature.addingMonths(-1, to: base)
            case .pageDown: stepped = ImportHistoryFeature.addingMonths(1, to: base)
            default: return []
            }
            offer(&s, min(stepped, today))
            return []
        case .enter:
            switch s.phase {
            case .choosingDate: return start(&s)
            case .results:
                guard let i = s.selection.index, s.customers.indices.contains(i) else { return [] }
                s.phase = .rows(customer: i)
                s.rowSelection = ListSelection(count: s.customers[i].review.rows.count)
                return []
            default: return []
            }
        case .confirm:
            switch s.phase {
            case .confirmEarlyStart(let since): return run(&s, since)
            case .confirmAll:
                let waiting = s.waiting
                guard !waiting.isEmpty else {
                    s.phase = .results
                    return []
                }
                s.phase = .committing
                s.notice = StatusMessage(WatcherScreensStrings.committing)
                return [.watcher(.commitSweep(waiting, by: session.op))]
            default: return []
            }
        case .escape:
            switch s.phase {
            case .confirmEarlyStart:
                s.phase = .choosingDate
            case .fetching:
                let cancelled = s.generation
                s.generation += 1
                s.phase = .choosingDate
                s.notice = StatusMessage(WatcherScreensStrings.cancelled)
                return [.cancel(.salesSweep(cancelled))]
            case .rows, .confirmAll:
                s.phase = .results
            case .results:
                s.phase = .choosingDate
                s.result = nil
            case .loading, .choosingDate, .committing:
                break  // leaving is the shell's; a commit is not stopped half-way
            }
            return []
        case .move(let key):
            switch s.phase {
            case .results: s.selection.handle(key, visibleRows: s.pageRows)
            case .rows: s.rowSelection.handle(key, visibleRows: s.pageRows)
            default: break
            }
            return []
        case .commitOne:
            let index: Int?
            switch s.phase {
            case .results: index = s.selection.index
            case .rows(let i): index = i
            default: return []
            }
            guard let i = index, s.customers.indices.contains(i) else { return [] }
            let customer = s.customers[i]
            guard s.committed[customer.customerID] == nil else {
                s.notice = StatusMessage(WatcherScreensStrings.alreadyCommitted)
                return []
            }
            guard customer.review.hasWork else {
                s.notice = StatusMessage(WatcherScreensStrings.nothingToCommit)
                return []
            }
            s.phase = .committing
            s.notice = StatusMessage(WatcherScreensStrings.committing)
            return [.watcher(.commitSweep([customer], by: session.op))]
        case .commitAll:
            switch s.phase {
            case .results, .rows: break
            default: return []
            }
            guard !s.waiting.isEmpty else {
                s.notice = StatusMessage(WatcherScreensStrings.nothingWaits)
                return []
            }
            s.phase = .confirmAll
            return []
        case .progress(let generation, let pages, let sales):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.pages = pages
            s.sales = sales
            return []
        case .finished(let generation, let result):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.result = result
            s.phase = .results
            s.committed = [:]
            s.failures = [:]
            s.selection = ListSelection(count: result.customers.count)
            s.notice = StatusMessage(WatcherScreensStrings.summary(result))
            return []
        case .failed(let generation, let why):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.phase = .choosingDate
            s.error = WatcherScreensStrings.fetchFailed(why)
            s.notice = .error(s.error!)
            return []
        case .committed(let added, let failures):
            guard s.phase == .committing else { return [] }
            s.committed.merge(added) { _, new in new }
            s.failures.merge(failures) { _, new in new }
            for id in added.keys { s.failures[id] = nil }
            s.phase = .results
            let text = WatcherScreensStrings.committed(added, failures: failures.count)
            s.notice = failures.isEmpty ? .success(text) : .error(text)
            return []
        }
    }

    static func offer(_ s: inout SweepState, _ date: LocalDate) {
        s.dateField.setText(date.iso)
        s.dateField.selectAll()
        s.error = nil
    }

    /// Import History's checks on the date: a date, not in the future; before go-live asks first.
    static func start(_ s: inout SweepState) -> [Effect] {
        guard let today = s.today else { return [] }
        guard let since = s.typedDate else {
            s.error = ImportHistoryStrings.notADate(s.dateField.text)
            return []
        }
        guard since <= today else {
            s.error = ImportHistoryStrings.inFuture(since)
            return []
        }
        if let goLive = s.goLive, since < goLive {
            s.phase = .confirmEarlyStart(since)
            return []
        }
        return run(&s, since)
    }

    static func run(_ s: inout SweepState, _ since: LocalDate) -> [Effect] {
        s.generation += 1
        s.phase = .fetching(since: since)
        s.pages = 0
        s.sales = 0
        s.result = nil
        s.error = nil
        s.notice = StatusMessage(WatcherScreensStrings.fetching(pages: 0, sales: 0))
        return [.watcher(.runSweep(since: since, generation: s.generation))]
    }
}

/// The watcher's settings (admin): Space switches it or ticks a shop, ←/→ change the share by 5 %, Enter saves
/// (the store asks the role again and audits each change).
public enum WatcherSettingsFeature {
    public static let shareRange = 5...100

    public static func update(_ s: inout WatcherSettingsState, _ msg: WatcherSettingsMsg, session: Session) -> [Effect] {
        if msg.isIntent, msg != .back, !session.may(.editSettings) {
            s.notice = .error(FeatureStrings.notAllowed(.editSettings))
            return []
        }
        switch msg {
        case .open:
            s = WatcherSettingsState()
            s.busy = true
            return [.watcher(.loadSettings)]
        case .back:
            return []
        case .move(let key):
            switch key {
            case .up: s.focus = max(0, s.focus - 1)
            case .down: s.focus = min(s.lineCount - 1, s.focus + 1)
            case .home, .pageUp: s.focus = 0
            case .end, .pageDown: s.focus = s.lineCount - 1
            default: break
            }
            return []
        case .toggle:
            guard s.data != nil else { return [] }
            if s.focus == 0 {
                s.enabled.toggle()
            } else if s.focus >= 2, let shop = s.data?.shops[s.focus - 2] {
                if s.shops.contains(shop.id) { s.shops.remove(shop.id) } else { s.shops.insert(shop.id) }
            }
            return []
        case .adjust(let step):
            guard s.data != nil, s.focus == 1 else { return [] }
            s.sharePercent = min(shareRange.upperBound, max(shareRange.lowerBound, s.sharePercent + step * 5))
            return []
        case .save:
            guard s.data != nil, !s.busy else { return [] }
            guard s.isChanged else {
                s.notice = StatusMessage(WatcherScreensStrings.unchanged)
                return []
            }
            s.busy = true
            return [.watcher(.saveSettings(enabled: s.enabled, rateShare: Double(s.sharePercent) / 100,
                                           shops: s.shops.sorted(), by: session.op))]
        case .loaded(let data):
            apply(&s, data)
            return []
        case .saved(let data):
            apply(&s, data)
            s.notice = .success(WatcherScreensStrings.saved)
            return []
        case .failed(let why):
            s.busy = false
            s.notice = .error(WatcherScreensStrings.failed(why))
            return []
        }
    }

    static func apply(_ s: inout WatcherSettingsState, _ data: WatcherSettingsData) {
        s.data = data
        s.busy = false
        s.enabled = data.settings.enabled
        s.sharePercent = min(shareRange.upperBound, max(shareRange.lowerBound, Int((data.settings.rateShare * 100).rounded())))
        s.shops = Set(data.settings.shops)
        s.focus = min(s.focus, s.lineCount - 1)
    }
}
