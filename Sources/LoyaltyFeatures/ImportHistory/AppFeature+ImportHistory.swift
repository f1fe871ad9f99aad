import LoyaltyCore
import TerminalKit

/// The shell's side of Import History: opening it from the checkout screen (the action under the
/// customer's name), leaving it with Esc from the date dialog, and — after Agree — going back to the
/// checkout screen, reloaded, with the status line saying what was added.
extension AppFeature {
    /// Opens Import History for the checkout screen's customer.
    public func openImportHistory(_ id: Int64, _ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        guard session.may(.importHistory) else {
            state.status = .error(FeatureStrings.notAllowed(.importHistory))
            return []
        }
        // Generations keep counting across visits: a late answer to another visit's fetch (another customer,
        // another user) never matches this one's, here or in the runner that keys fetches by it.
        let generation = state.importHistory.generation
        state.importHistory = ImportHistoryState(customerID: id)
        state.importHistory.generation = generation
        state.importHistory.pageRows = Self.importHistoryPageRows(state.screenSize)
        state.route = .importHistory(id)
        return ImportHistoryFeature.load(state.importHistory)
    }

    /// Opens Import History's review on sales already read (a queued customer just linked: its older sales),
    /// as if fetched: A adds them (all or nothing), D declines back to the date.
    public func openImportHistoryReview(_ review: ImportReview, context: ImportHistoryContext,
                                        _ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        guard session.may(.importHistory) else {
            state.status = .error(FeatureStrings.notAllowed(.importHistory))
            return []
        }
        let generation = state.importHistory.generation
        state.importHistory = ImportHistoryState(customerID: review.customerID)
        state.importHistory.generation = generation
        state.importHistory.pageRows = Self.importHistoryPageRows(state.screenSize)
        state.importHistory.context = context
        ImportHistoryFeature.offer(&state.importHistory, review.start)
        state.importHistory.review = review
        state.importHistory.progress = review.fetched
        state.importHistory.phase = .reviewing
        state.importHistory.selection = ListSelection(count: review.entries.count)
        state.route = .importHistory(review.customerID)
        return []
    }

    /// Review rows on screen at this size; the renderer lays out the same way.
    static func importHistoryPageRows(_ size: Size) -> Int { max(1, size.height - 8) }

    func importHistory(_ state: inout AppState, _ msg: ImportHistoryMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent {
            guard case .importHistory = state.route else { return [] }
        }
        let s = state.importHistory
        state.importHistory.pageRows = Self.importHistoryPageRows(state.screenSize)
        switch msg {
        case .escape where s.modal == nil && (s.phase == .choosingDate || s.phase == .loading):
            return backToCheckout(&state)
        case .committed(let outcome, let completions):
            guard case .importHistory(let id) = state.route, id == s.customerID, s.phase == .committing else { return [] }
            var effects = openCheckout(id, &state)
            state.checkout.justCompleted = Set(outcome.completedCardIDs)
            state.status = .success(ImportHistoryStrings.imported(outcome, completions: completions))
            if effects.isEmpty { effects = [.checkout(.load(customerID: id, redeemedPunches: state.checkout.readsRedeemedPunches))] }
            return effects
        default:
            let effects = ImportHistoryFeature.update(&state.importHistory, msg, session: session)
            if let notice = state.importHistory.notice {
                state.status = notice
                state.importHistory.notice = nil
            }
            return effects
        }
    }

    /// Back to the customer's checkout screen, reloaded.
    func backToCheckout(_ state: inout AppState) -> [Effect] {
        openCheckout(state.importHistory.customerID, &state)
    }
}
