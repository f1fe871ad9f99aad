import LoyaltyFeatures
import TerminalKit

/// The keymap tables of every screen and dialog. `Keymaps.current(for:)` picks the one in force (a dialog
/// first, then the route); the shell sends its messages, the help bar and overlay draw it.
///
/// To give a new screen keys: add a `static func` here returning its table and a case in `screen(for:)`.
public enum Keymaps {
    /// The keymap in force: the open dialog's, or the current screen's.
    public static func current(for state: AppState) -> Keymap {
        switch state.modal {
        case .help:
            let scrolling = HelpOverlay.scrollBindings(state)
            if case .checkout = state.route { return checkoutHelpOverlay(state.checkout, scrolling: scrolling) }
            return Keymap(title: helpOverlay.title, bindings: helpOverlay.bindings + scrolling)
        case .confirmQuit: return confirmQuit
        case .quitNeedsManager: return quitNeedsManager
        case .confirmDiscard: return confirmDiscard
        case nil: break
        }
        if state.route == .customerForm && state.customerForm.showsDuplicateWarning { return duplicateWarning }
        if let dialog = state.lightspeed.link, state.route == .checkout(dialog.customerID) { return lightspeedLink(dialog) }
        return screen(for: state)
    }

    /// The current screen's keymap, ignoring dialogs (the `?` overlay lists it).
    public static func screen(for state: AppState) -> Keymap {
        switch state.route {
        case .signIn: signIn(pinAvailable: state.signIn.pinAvailable, method: state.signIn.method)
        case .lookup: lookup
        case .customerForm: customerForm
        case .checkout: checkout(state.checkout)
        case .importHistory: importHistory(state.importHistory)
        case .admin(.lightspeed): lightspeedSetup(state.lightspeed.setup)
        case .admin(.claims): claims(state.claims)
        case .admin(.watcher(let page)): watcherScreen(page, state)
        case .admin(.changes): changes(state.changes)
        case .admin(let screen): admin(screen, state.admin)
        case .manager(let page): manager(page, state.manager)
        }
    }

    // MARK: - Shared keys

    static let help = KeyBinding([.function(1), .char("?")], label: "?", UIStrings.keyHelp, .showHelp)
    static let helpF1Only = KeyBinding(.function(1), UIStrings.keyHelp, .showHelp)
    static let lock = KeyBinding(.ctrl("l"), UIStrings.keyLock, .lockTerminal)
    static let quit = KeyBinding([.ctrl("q"), .ctrl("c")], label: "Ctrl-Q", UIStrings.keyQuit, .requestQuit)

    // MARK: - Screens

    static func signIn(pinAvailable: Bool, method: SignInState.Method) -> Keymap {
        var bindings = [
            KeyBinding(.enter, UIStrings.keySignIn, .signIn(.submit)),
            KeyBinding([.tab, .down], label: "Tab", UIStrings.keyNextField, .signIn(.nextField)),
            KeyBinding([.backTab, .up], label: "Shift-Tab", UIStrings.keyPreviousField, .signIn(.previousField),
                       inBar: false),
        ]
        if pinAvailable {
            bindings.append(KeyBinding(.function(2), method == .pin ? UIStrings.keyUsePassword : UIStrings.keyUsePIN,
                                       .signIn(.toggleMethod)))
        }
        // A password may contain "?": only F1 opens help here.
        bindings += [helpF1Only, quit]
        return Keymap(title: UIStrings.signInTitle, bindings: bindings,
                      fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)],
                      fallback: { .signIn(.edit($0)) })
    }

    static let lookup = Keymap(
        title: UIStrings.lookupTitle,
        bindings: [
            KeyBinding(.enter, UIStrings.keyOpen, .lookup(.openSelected)),
            KeyBinding([.up, .down], UIStrings.keyMove) { .lookup(.move($0)) },
            KeyBinding([.pageUp, .pageDown], UIStrings.keyPage, inBar: false) { .lookup(.move($0)) },
            KeyBinding([.home, .end], UIStrings.keyFirstLast, inBar: false) { .lookup(.move($0)) },
            KeyBinding([.function(2), .ctrl("n")], label: "F2", UIStrings.keyNewCustomer, .lookup(.newCustomer)),
        ] + lookupAdminBindings + [
            KeyBinding(.escape, UIStrings.keyClear, .lookup(.clearQuery)),
            help, lock, quit,
        ] + lookupManagerBindings,
        fallbackHelp: [HelpItem(key: "A–Z 0–9 @", description: UIStrings.keyTypeToSearch)],
        fallback: { .lookup(.queryEdited($0)) })

    static let customerForm = Keymap(
        title: UIStrings.newCustomerTitle,
        bindings: [
            KeyBinding(.function(2), UIStrings.keySave, .customerForm(.save)),
            KeyBinding(.enter, UIStrings.keyNextOrSave, .customerForm(.advance), inBar: false),
            KeyBinding([.tab, .down], label: "Tab", UIStrings.keyNextField, .customerForm(.nextField)),
            KeyBinding([.backTab, .up], label: "Shift-Tab", UIStrings.keyPreviousField, .customerForm(.previousField),
                       inBar: false),
            KeyBinding(.function(3), UIStrings.keyAddPet, .customerForm(.addPet)),
            KeyBinding(.function(4), UIStrings.keyRemovePet, .customerForm(.removePet)),
            KeyBinding(.escape, UIStrings.keyCancel, .customerForm(.cancel)),
            helpF1Only, lock,
        ],
        fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)],
        fallback: { .customerForm(.edit($0)) })

    // MARK: - Dialogs

    static let helpOverlay = Keymap(
        title: UIStrings.keyHelp,
        bindings: [KeyBinding([.escape, .enter, .char("?"), .function(1), .char("q")], label: "Esc",
                              UIStrings.keyClose, .dismissModal)])

    /// Not Enter: a barcode scan that arrives while this is open ends in Enter and must not close the program.
    static let confirmQuit = Keymap(
        title: UIStrings.quitTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y"), .ctrl("q")], label: "Y", UIStrings.keyYesQuit, .confirmQuit),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyNoStay, .dismissModal),
        ])

    /// Ctrl-Q on the lock screen: a manager's username and PIN, Enter quits.
    static let quitNeedsManager = Keymap(
        title: UIStrings.quitLockedTitle,
        bindings: [
            KeyBinding(.enter, UIStrings.keyQuitWithPIN, .quitApproval(.submit)),
            KeyBinding([.tab, .down, .backTab, .up], label: "Tab", UIStrings.keyNextField, .quitApproval(.nextField)),
            KeyBinding(.escape, UIStrings.keyNoStay, .dismissModal),
        ],
        fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)],
        fallback: { .quitApproval(.edit($0)) })
    /// Not Enter: a scan's Enter must not throw away what was typed. A scan's digits and Enter go to the shell,
    /// which holds the scan for the checkout.
    static let confirmDiscard = Keymap(
        title: UIStrings.discardTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", UIStrings.keyDiscard, .discardConfirmed),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyKeepEditing, .dismissModal),
        ],
        fallback: { .keyInDiscardQuestion($0) })

    static let duplicateWarning = Keymap(
        title: UIStrings.duplicateTitle,
        bindings: [
            KeyBinding([.enter, .char("o"), .char("O")], label: "Enter", UIStrings.keyOpenExisting,
                       .customerForm(.openDuplicate)),
            KeyBinding([.char("s"), .char("S")], label: "S", UIStrings.keySaveAnyway, .customerForm(.saveAnyway)),
            KeyBinding(.escape, UIStrings.keyKeepEditing, .customerForm(.keepEditing)),
            KeyBinding([.up, .down], UIStrings.keyChoose, inBar: false) { .customerForm(.moveDuplicate($0)) },
        ])
}
