import LoyaltyFeatures
import TerminalKit

/// The admin and manager screens' keys, one table per screen (the help bar and `?` come from these).
extension Keymaps {
    /// Lookup's key for the menu.
    static let lookupAdminBindings: [KeyBinding] = [
        // In the bar: the way to every manager and admin screen (a cashier pressing it is told who may).
        KeyBinding(.function(10), AdminUIStrings.keyMenu, .admin(.openMenu), bar: AdminUIStrings.barMenu),
    ]

    static func admin(_ screen: AdminScreen, _ state: AdminState) -> Keymap {
        if state.form != nil { return adminForm }
        let move = KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", AdminUIStrings.keyMove,
                              inBar: false) { .admin(.move($0)) }
        let back = KeyBinding(.escape, AdminUIStrings.keyBack, .admin(.back))
        func key(_ c: Character, _ text: String, _ action: AdminAction) -> KeyBinding {
            KeyBinding([.char(c), .char(Character(c.uppercased()))], label: c.uppercased(), text, .admin(.perform(action)))
        }
        let bindings: [KeyBinding]
        switch screen {
        case .menu:
            bindings = [KeyBinding(.enter, AdminUIStrings.keyOpen, .admin(.perform(.open))), move, back]
        case .users:
            bindings = [key("a", AdminUIStrings.keyAdd, .add), key("d", AdminUIStrings.keyToggleUser, .toggle),
                        key("r", AdminUIStrings.keyRole, .changeRole), key("p", AdminUIStrings.keyReset, .resetSecret),
                        key("u", AdminUIStrings.keyClearLock, .clearLock), move, back]
        case .programs:
            bindings = [KeyBinding(.enter, AdminUIStrings.keyUPCs, .admin(.perform(.open))),
                        key("a", AdminUIStrings.keyAdd, .add), key("e", AdminUIStrings.keyEdit, .edit),
                        key("d", AdminUIStrings.keyToggleProgram, .toggle), move, back]
        case .programItems:
            bindings = [key("a", AdminUIStrings.keyAdd, .add),
                        KeyBinding([.delete, .char("x"), .char("X")], label: "Del", AdminUIStrings.keyRemove,
                                   .admin(.perform(.remove))),
                        key("i", AdminUIStrings.keyImport, .importCSV), move, back]
        case .points:
            bindings = [key("e", AdminUIStrings.keyEarn, .editRule), key("t", AdminUIStrings.keyPointsOnOff, .togglePoints),
                        key("a", AdminUIStrings.keyAdd, .add), key("c", AdminUIStrings.keyCost, .edit),
                        key("d", AdminUIStrings.keyToggleReward, .toggle), move, back]
        case .reports:
            bindings = [KeyBinding([.char("1"), .char("2"), .char("3")], label: "1-3", AdminUIStrings.keyReports) { k in
                            if case .char(let c) = k, let n = Int(String(c)), ReportKind.allCases.indices.contains(n - 1) {
                                return .admin(.perform(.chooseReport(ReportKind.allCases[n - 1])))
                            }
                            return .admin(.perform(.chooseReport(.redemptions)))
                        },
                        key("r", AdminUIStrings.keyRange, .setRange), key("x", AdminUIStrings.keyExport, .export),
                        KeyBinding([.left, .char("-")], label: "←", AdminUIStrings.keyWithin, inBar: false) { _ in
                            .admin(.perform(.changeWithin(-1)))
                        },
                        KeyBinding([.right, .char("+")], label: "→", AdminUIStrings.keyWithin, inBar: false) { _ in
                            .admin(.perform(.changeWithin(1)))
                        },
                        move, back]
        case .locations:
            bindings = [key("a", AdminUIStrings.keyAdd, .add), key("e", AdminUIStrings.keyEdit, .edit),
                        key("d", AdminUIStrings.keyDeactivate, .toggle), move, back]
        case .lightspeed:
            return lightspeedSetup(LightspeedSetupState())
        case .claims:
            return claims(ClaimsState())
        case .watcher(.unlinked):
            return unlinked(UnlinkedState())
        case .watcher(.sweep):
            return sweep(SweepState())
        case .watcher(.settings):
            return watcherSettings(WatcherSettingsState())
        case .changes:
            return changes(ChangesState())
        }
        if case .programItems = screen {
            // A scanner types digits then Enter: the first digit opens the add form.
            return Keymap(title: adminTitle(screen), bindings: bindings + [help, lock, quit],
                          fallbackHelp: [HelpItem(key: "0–9", description: AdminUIStrings.keyScan)],
                          fallback: { key in
                              if case .char(let c) = key, c.isASCII, c.isNumber { return .admin(.perform(.typed(c))) }
                              return nil
                          })
        }
        return Keymap(title: adminTitle(screen), bindings: bindings + [help, lock, quit])
    }

    static func adminTitle(_ screen: AdminScreen) -> String {
        switch screen {
        case .menu: AdminStrings.menuTitle
        case .users: AdminStrings.usersTitle
        case .programs: AdminStrings.programsTitle
        case .programItems: AdminUIStrings.keyUPCs
        case .points: AdminStrings.pointsTitle
        case .reports: AdminStrings.reportsTitle
        case .lightspeed: LightspeedSetupStrings.title
        case .claims: ClaimsStrings.title
        case .watcher(.unlinked): WatcherScreensStrings.unlinkedTitle
        case .watcher(.sweep): WatcherScreensStrings.sweepTitle
        case .watcher(.settings): WatcherScreensStrings.settingsTitle
        case .changes: ChangesStrings.title
        case .locations: AdminStrings.locationsTitle
        }
    }

    static let adminForm = Keymap(
        title: AdminStrings.menuTitle,
        bindings: [
            KeyBinding(.enter, AdminUIStrings.keyNextOrSave, .admin(.submit)),
            KeyBinding(.function(2), "Save", .admin(.submit), inBar: false),
            KeyBinding(.escape, AdminUIStrings.keyCancel, .admin(.cancelForm)),
            helpF1Only, lock,
        ],
        fallbackHelp: [HelpItem(key: "Tab", description: AdminUIStrings.keyNextField),
                       HelpItem(key: "Keys", description: AdminUIStrings.keyEditing)],
        fallback: { .admin(.edit($0)) })
}
