import LoyaltyCore
import TerminalKit

/// The shell's side of the watcher's screens: their messages while shown (answers that arrive after leaving
/// still update their state), Esc back to the menu, and — after a link whose older sales need a review —
/// Import History's review for that customer, where A adds them (and takes them off the queue) and D declines.
extension AppFeature {
    func watcherScreens(_ state: inout AppState, _ msg: WatcherScreenMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        let page: WatcherPage
        switch msg {
        case .unlinked: page = .unlinked
        case .sweep: page = .sweep
        case .settings: page = .settings
        }
        let shown = state.route == .admin(.watcher(page))
        if msg.isIntent, !shown { return [] }
        let rows = max(1, state.screenSize.height - 10)
        var effects: [Effect] = []
        switch msg {
        case .unlinked(let m):
            if m == .back, state.watcherScreens.unlinked.ask == nil {
                state.route = .admin(.menu)
                return []
            }
            state.watcherScreens.unlinked.pageRows = rows
            effects = UnlinkedFeature.update(&state.watcherScreens.unlinked, m, session: session)
            if let notice = state.watcherScreens.unlinked.notice {
                state.status = notice
                state.watcherScreens.unlinked.notice = nil
            }
            if case .linked(let result, _) = m, shown, let review = result.review, let context = result.reviewContext {
                effects += openImportHistoryReview(review, context: context, &state)
            }
        case .sweep(let m):
            let phase = state.watcherScreens.sweep.phase
            if m == .escape, phase == .choosingDate || phase == .loading {
                state.route = .admin(.menu)
                return []
            }
            state.watcherScreens.sweep.pageRows = rows
            effects = SweepFeature.update(&state.watcherScreens.sweep, m, session: session)
            if let notice = state.watcherScreens.sweep.notice {
                state.status = notice
                state.watcherScreens.sweep.notice = nil
            }
        case .settings(let m):
            if m == .back {
                state.route = .admin(.menu)
                return []
            }
            effects = WatcherSettingsFeature.update(&state.watcherScreens.settings, m, session: session)
            if let notice = state.watcherScreens.settings.notice {
                state.status = notice
                state.watcherScreens.settings.notice = nil
            }
        }
        return effects
    }

    /// Opens one of the watcher's screens (the role was checked by `openAdmin`).
    func openWatcherScreen(_ page: WatcherPage, _ state: inout AppState, session: Session) -> [Effect] {
        state.watcherScreens.unlinked.pageRows = max(1, state.screenSize.height - 10)
        switch page {
        case .unlinked: return UnlinkedFeature.update(&state.watcherScreens.unlinked, .open, session: session)
        case .sweep: return SweepFeature.update(&state.watcherScreens.sweep, .open, session: session)
        case .settings: return WatcherSettingsFeature.update(&state.watcherScreens.settings, .open, session: session)
        }
    }
}
