import LoyaltyCore
import TerminalKit

/// The shell's side of "Changed in Lightspeed": its keys while it is shown (answers that arrive after leaving
/// still refresh its data and the status bar's count); Esc closes a question, then the review, then goes back
/// to the menu.
extension AppFeature {
    func changes(_ state: inout AppState, _ msg: ChangesMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent, state.route != .admin(.changes) { return [] }
        if msg == .back, state.changes.ask == nil, state.changes.reviewing == nil {
            state.route = .admin(.menu)
            return []
        }
        state.changes.pageRows = max(1, state.screenSize.height - 10)
        let effects = ChangesFeature.update(&state.changes, msg, session: session)
        if let notice = state.changes.notice {
            state.status = notice
            state.changes.notice = nil
        }
        return effects
    }
}
