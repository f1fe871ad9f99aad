import LoyaltyCore
import TerminalKit

/// The shell's side of the admin and manager screens: the menu (from lookup), opening a screen only
/// for a role that may, and going back (a form first, then the screen, then the menu, then lookup).
extension AppFeature {
    func admin(_ state: inout AppState, _ msg: AdminMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        let screen: AdminScreen
        if case .admin(let current) = state.route {
            screen = current
        } else if msg == .openMenu, state.route == .lookup {
            screen = .menu
        } else if msg.isIntent {
            return []
        } else {
            screen = .menu
        }
        state.admin.pageRows = max(1, state.screenSize.height - 8)
        var effects: [Effect]
        switch msg {
        case .openMenu:
            state.admin = AdminState()
            state.admin.pageRows = max(1, state.screenSize.height - 8)
            state.admin.menuSelection = ListSelection(count: AdminFeature.menu(for: session.role).count)
            state.route = .admin(.menu)
            effects = [.admin(.load)]
        case .open(let target):
            effects = openAdmin(target, &state, session: session)
        case .perform(.open) where screen == .menu:
            let entries = AdminFeature.menu(for: session.role)
            guard let i = state.admin.menuSelection.index, entries.indices.contains(i) else {
                state.status = StatusMessage(AdminStrings.signInForRest(session.role))
                return []
            }
            effects = openAdmin(entries[i].screen, &state, session: session)
        case .perform(.open) where screen == .programs:
            guard let program = state.admin.selectedProgram else {
                state.status = StatusMessage(AdminStrings.nothingSelected)
                return []
            }
            effects = openAdmin(.programItems(program.program.id), &state, session: session)
        case .back:
            if state.admin.form != nil {
                state.admin.form = nil
                return []
            }
            switch screen {
            case .menu: state.route = .lookup
            case .programItems: state.route = .admin(.programs)
            default: state.route = .admin(.menu)
            }
            effects = []
        default:
            effects = AdminFeature.update(&state.admin, screen: screen, msg, session: session)
            if case .loaded = msg, screen == .reports, state.admin.table == nil, !state.admin.busy {
                effects += AdminFeature.runReport(&state.admin, session: session)
            }
        }
        if let notice = state.admin.notice {
            state.status = notice
            state.admin.notice = nil
        }
        return effects
    }

    /// Opens an admin screen if the role may (a manager never reaches admin screens, a cashier never
    /// reaches reports); the store refuses again on every write.
    func openAdmin(_ screen: AdminScreen, _ state: inout AppState, session: Session) -> [Effect] {
        if let needed = AdminFeature.action(for: screen), !session.may(needed) {
            state.status = .error(FeatureStrings.notAllowed(needed))
            return []
        }
        state.admin.form = nil
        state.admin.importErrors = []
        state.route = .admin(screen)
        switch screen {
        case .programItems(let id):
            state.admin.itemSelection = ListSelection(count: state.admin.program(id)?.items.count ?? 0)
            return []
        case .reports:
            var effects: [Effect] = []
            if state.admin.data == nil { effects.append(.admin(.load)) }
            if state.admin.from != nil { effects += AdminFeature.runReport(&state.admin, session: session) }
            return effects.isEmpty ? [.admin(.load)] : effects
        case .lightspeed:
            return openLightspeedSetup(&state)
        case .watcher(let page):
            return openWatcherScreen(page, &state, session: session)
        case .claims:
            state.claims.pageRows = max(1, state.screenSize.height - 14)
            return ClaimsFeature.update(&state.claims, .open, session: session)
        case .changes:
            state.changes.pageRows = max(1, state.screenSize.height - 10)
            return ChangesFeature.update(&state.changes, .open, session: session)
        default:
            return [.admin(.load)]
        }
    }
}
