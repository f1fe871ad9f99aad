import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The manager screens' rules: the role check (a cashier is refused with a message saying a manager must
/// sign in — these are screens, not single actions an override PIN could approve), then the audit log,
/// the likely-duplicates list and the combine preview. The store checks the role again on every write.
extension AppFeature {
    /// Rows the manager lists page by at this size.
    static func managerPageRows(_ size: Size) -> Int { max(1, size.height - 9) }

    func manager(_ state: inout AppState, _ msg: ManagerMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        state.manager.auditLog.pageRows = Self.managerPageRows(state.screenSize)
        switch msg {
        case .openAuditLog:
            guard mayManage(.readAuditLog, ManagerStrings.auditWhat, session, &state) else { return [] }
            state.manager.auditLog = AuditLogState()
            state.manager.auditLog.pageRows = Self.managerPageRows(state.screenSize)
            state.route = .manager(.auditLog)
            return loadAudit(&state.manager.auditLog, append: false)
        case .openCustomerAuditLog:
            guard case .checkout(let id) = state.route else { return [] }
            guard mayManage(.readAuditLog, ManagerStrings.auditWhat, session, &state) else { return [] }
            var log = AuditLogState()
            log.pageRows = Self.managerPageRows(state.screenSize)
            log.filter[0].setText("#\(id)")
            log.applied.customerID = id
            log.returnRoute = state.route
            state.manager.auditLog = log
            state.route = .manager(.auditLog)
            return loadAudit(&state.manager.auditLog, append: false)
        case .openDuplicates:
            guard mayManage(.mergeCustomers, ManagerStrings.combineWhat, session, &state) else { return [] }
            state.manager.duplicates = DuplicatesState()
            state.manager.duplicates.isLoading = true
            state.route = .manager(.duplicates)
            return [.manager(.loadDuplicatePairs)]
        case .pickForCombine:
            guard state.route == .lookup else { return [] }
            guard mayManage(.mergeCustomers, ManagerStrings.combineWhat, session, &state) else { return [] }
            guard let picked = state.lookup.selectedCustomer else {
                state.status = StatusMessage(ManagerStrings.noCustomerSelected)
                return []
            }
            guard let first = state.manager.combinePick else {
                state.manager.combinePick = picked
                state.status = StatusMessage(ManagerStrings.pickedFirst(picked.fullName))
                return []
            }
            guard first.id != picked.id else {
                state.status = .error(ManagerStrings.sameCustomer)
                return []
            }
            state.manager.combinePick = nil
            return openCombine(primary: first.id, duplicate: picked.id, &state)
        default:
            break
        }
        guard case .manager(let page) = state.route else {
            return msg.isIntent ? [] : results(&state, msg)
        }
        if msg.isIntent {
            let needed: Action = page == .auditLog ? .readAuditLog : .mergeCustomers
            guard session.may(needed) else {
                state.status = .error(FeatureStrings.notAllowed(needed))
                return []
            }
        }
        switch page {
        case .auditLog: return auditLog(&state, msg)
        case .duplicates: return duplicates(&state, msg)
        case .combine: return combine(&state, msg, session)
        }
    }

    private func mayManage(_ action: Action, _ what: String, _ session: Session, _ state: inout AppState) -> Bool {
        guard session.may(action) else {
            state.status = .error(ManagerStrings.managerMustSignIn(what))
            return false
        }
        return true
    }

    /// Opens the combine preview for two customers (from lookup's picks or a likely-duplicate pair).
    public func openCombine(primary: Int64, duplicate: Int64, _ state: inout AppState) -> [Effect] {
        guard let session = state.session,
              mayManage(.mergeCustomers, ManagerStrings.combineWhat, session, &state) else { return [] }
        state.manager.combine = CombineState(primaryID: primary, duplicateID: duplicate)
        state.manager.combine.isBusy = true
        state.route = .manager(.combine)
        return [previewEffect(state.manager.combine)]
    }

    private func previewEffect(_ c: CombineState) -> Effect {
        .manager(.previewMerge(primary: c.primaryID, duplicate: c.duplicateID, linkChoice: c.linkChoice,
                               joinOpenCards: c.joinOpenCards))
    }

    // MARK: - Results that arrive whatever the route

    private func results(_ state: inout AppState, _ msg: ManagerMsg) -> [Effect] {
        if case .failed(let failure) = msg { state.status = .error(ManagerStrings.failed(failure)) }
        return []
    }

    // MARK: - Audit log

    private func loadAudit(_ log: inout AuditLogState, append: Bool) -> [Effect] {
        var filter = log.applied
        filter.beforeID = append ? log.entries.last?.id : nil
        filter.limit = AuditLogState.pageSize
        log.isLoading = true
        return [.manager(.loadAuditLog(filter, from: log.appliedFrom, until: log.appliedUntil, append: append))]
    }

    private func auditLog(_ state: inout AppState, _ msg: ManagerMsg) -> [Effect] {
        var log = state.manager.auditLog
        defer { state.manager.auditLog = log }
        switch msg {
        case .move(let key):
            if log.filterFocus != nil { return [] }
            if key == .pageDown || key == .end || key == .down, log.hasMore,
               log.selection.index == log.entries.count - 1 {
                return loadAudit(&log, append: true)
            }
            log.selection.handle(key, visibleRows: log.pageRows)
            return []
        case .loadMore:
            guard log.hasMore else {
                state.status = StatusMessage(ManagerStrings.noMore)
                return []
            }
            return loadAudit(&log, append: true)
        case .editFilter:
            log.filterFocus = log.filterFocus == nil ? 0 : nil
            return []
        case .filterKey(let key):
            guard let i = log.filterFocus else { return [] }
            log.filter[i].handle(key)
            return []
        case .nextFilterField:
            guard let i = log.filterFocus else { return [] }
            log.filterFocus = (i + 1) % log.filter.count
            return []
        case .clearFilter:
            log = AuditLogState()
            log.pageRows = Self.managerPageRows(state.screenSize)
            return loadAudit(&log, append: false)
        case .enter:
            guard log.filterFocus != nil else { return [] }
            switch AuditQuery.parse(log.filter) {
            case .failure(let refusal):
                log.error = refusal.message
                state.status = .error(refusal.message)
                return []
            case .success(let query):
                log.applied = query.filter
                log.appliedFrom = query.from
                log.appliedUntil = query.until
                log.filterFocus = nil
                log.error = nil
                log.entries = []
                log.selection = ListSelection()
                return loadAudit(&log, append: false)
            }
        case .escape:
            if log.filterFocus != nil {
                log.filterFocus = nil
                return []
            }
            state.route = log.returnRoute
            return []
        case .auditLoaded(let entries, let appended, let zone):
            log.isLoading = false
            log.timeZoneID = zone
            log.hasMore = entries.count >= AuditLogState.pageSize
            let keep = log.selection.index
            log.entries = appended ? log.entries + entries : entries
            log.selection = ListSelection(count: log.entries.count)
            if appended, let keep { log.selection.select(min(keep + 1, log.entries.count - 1), visibleRows: log.pageRows) }
            return []
        case .failed(let failure):
            log.isLoading = false
            log.error = ManagerStrings.failed(failure)
            state.status = .error(ManagerStrings.failed(failure))
            return []
        default:
            return []
        }
    }

    // MARK: - Likely duplicates

    private func duplicates(_ state: inout AppState, _ msg: ManagerMsg) -> [Effect] {
        switch msg {
        case .move(let key):
            state.manager.duplicates.selection.handle(key, visibleRows: Self.managerPageRows(state.screenSize))
            return []
        case .enter:
            guard let pair = state.manager.duplicates.selectedPair else {
                state.status = StatusMessage(ManagerStrings.noPairSelected)
                return []
            }
            // The older account (lower ID) is offered as the primary; S swaps.
            let effects = openCombine(primary: pair.first.id, duplicate: pair.second.id, &state)
            state.manager.combine.returnRoute = .manager(.duplicates)
            return effects
        case .escape:
            state.route = .lookup
            return []
        case .pairsLoaded(let pairs):
            state.manager.duplicates.isLoading = false
            state.manager.duplicates.pairs = pairs
            state.manager.duplicates.selection = ListSelection(count: pairs.count)
            return []
        case .failed(let failure):
            state.manager.duplicates.isLoading = false
            state.manager.duplicates.error = ManagerStrings.failed(failure)
            state.status = .error(ManagerStrings.failed(failure))
            return []
        default:
            return []
        }
    }

    // MARK: - Combine

    private func combine(_ state: inout AppState, _ msg: ManagerMsg, _ session: Session) -> [Effect] {
        var c = state.manager.combine
        defer { state.manager.combine = c }
        if msg.isIntent && c.isBusy && msg != .escape { return [] }
        switch msg {
        case .swapPrimary:
            let back = c.returnRoute
            c = CombineState(primaryID: c.duplicateID, duplicateID: c.primaryID)
            c.returnRoute = back
            c.isBusy = true
            return [previewEffect(c)]
        case .toggleLink:
            guard c.needsLinkChoice else { return [] }
            c.linkChoice = c.linkChoice == .keepPrimary ? .keepDuplicate : .keepPrimary
            c.confirming = false
            c.isBusy = true
            return [previewEffect(c)]
        case .toggleJoin:
            c.joinOpenCards.toggle()
            c.confirming = false
            c.isBusy = true
            return [previewEffect(c)]
        case .requestMerge, .enter:
            guard let preview = c.preview else {
                state.status = StatusMessage(ManagerStrings.previewNotReady)
                return []
            }
            if c.needsLinkChoice && c.linkChoice == nil {
                state.status = .error(ManagerStrings.chooseLink)
                return []
            }
            guard preview.plan != nil else {
                state.status = .error(preview.refusalSentence ?? ManagerStrings.previewNotReady)
                return []
            }
            // Enter confirms only the ordinary question; two unrelated customers take Y, twice.
            if c.confirming && msg == .enter && !c.sharesNothing { return combine(&state, .confirmMerge, session) }
            c.confirming = true
            return []
        case .confirmMerge:
            guard c.confirming, let preview = c.preview, preview.plan != nil else { return [] }
            if c.sharesNothing && !c.confirmingUnrelated {
                c.confirmingUnrelated = true
                return []
            }
            c.confirming = false
            c.confirmingUnrelated = false
            c.isBusy = true
            return [.manager(.merge(primary: c.primaryID, duplicate: c.duplicateID, linkChoice: c.linkChoice,
                                    joins: preview.joins, by: session.op))]
        case .escape:
            if c.confirming {
                c.confirming = false
                c.confirmingUnrelated = false
                return []
            }
            state.route = c.returnRoute
            return []
        case .previewLoaded(let preview):
            guard preview.primary.requestedID == c.primaryID || preview.primary.customer.id == c.primaryID else { return [] }
            c.isBusy = false
            c.preview = preview
            c.error = nil
            return []
        case .merged(let plan):
            c.isBusy = false
            let name = c.preview?.primary.customer.fullName ?? ""
            c = CombineState(primaryID: 0, duplicateID: 0)
            state.manager.combine = c
            var effects = openCheckout(plan.primaryID, &state)
            state.status = .success(ManagerStrings.merged(name))
            if !state.lookup.searchText.isEmpty { effects += LookupFeature.refresh(&state.lookup) }
            return effects
        case .failed(let failure):
            c.isBusy = false
            c.error = ManagerStrings.failed(failure)
            state.status = .error(ManagerStrings.failed(failure))
            return []
        default:
            return []
        }
    }
}
