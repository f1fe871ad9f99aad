import LoyaltyCore
import TerminalKit

/// The shell's side of the claims screen: its messages while it is shown (results that arrive after leaving
/// still refresh its data), Esc closes a question first, then goes back to the menu.
extension AppFeature {
    func claims(_ state: inout AppState, _ msg: ClaimsMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent, state.route != .admin(.claims) { return [] }
        if msg == .back, state.claims.ask == nil {
            state.route = .admin(.menu)
            return []
        }
        state.claims.pageRows = max(1, state.screenSize.height - 14)
        let effects = ClaimsFeature.update(&state.claims, msg, session: session)
        if let notice = state.claims.notice {
            state.status = notice
            state.claims.notice = nil
        }
        return effects
    }
}
