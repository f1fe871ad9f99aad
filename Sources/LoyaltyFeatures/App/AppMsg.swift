import LoyaltyCore
import TerminalKit

/// Every event the program reacts to: screen messages, shell intents (lock, help, quit), time passing,
/// and results from the effect runner. Keymaps in LoyaltyUI turn keys into these.
public enum AppMsg: Hashable, Sendable {
    case signIn(SignInMsg)
    case lookup(LookupMsg)
    case customerForm(CustomerFormMsg)
    case checkout(CheckoutMsg)
    /// The Lightspeed button (listener → handling → checkout) and training-mode simulation.
    case lightspeed(LightspeedMsg)
    case importHistory(ImportHistoryMsg)
    case admin(AdminMsg)
    /// The manager screens (audit log, likely duplicates, combine customers).
    case manager(ManagerMsg)
    /// The manufacturer claims screen (manager).
    case claims(ClaimsMsg)
    /// The watcher's screens (customers to link, the sweep, its settings).
    case watcher(WatcherScreenMsg)
    /// Scans kept on this counter while the store's server was unreachable: loaded, replayed.
    case offline(OfflineMsg)
    /// "Changed in Lightspeed" (manager): refunds and voids of recorded sales to apply or dismiss.
    case changes(ChangesMsg)

    // Shell intents
    case lockTerminal
    case showHelp
    /// ↑/↓/PgUp/PgDn/Home/End in the `?` help: the first line shown (the keymap computes it from the help's
    /// length at this size, so it is always in range).
    case scrollHelp(to: Int)
    case dismissModal
    case requestQuit
    case confirmQuit
    /// The locked terminal's quit dialog (a manager's username and PIN) and the store's answer.
    case quitApproval(QuitApprovalMsg)
    /// Y in "throw away what was typed?": the held Esc goes through.
    case discardConfirmed
    /// The terminal changed size.
    case resized(Size)
    /// A key typed while "please enlarge" hides the screen: a scan's digits and Enter are kept, the rest ignored.
    case keyWhileHidden(Key)
    /// A key no binding of "Throw away what you typed?" takes: a scan's digits and Enter are held (asked about
    /// on the checkout), the rest ignored.
    case keyInDiscardQuestion(Key)
    /// Time passed (the event loop sends this about once a second): the idle lock checks here.
    case tick

    // Results
    case storeInfoLoaded(name: String, trainingMode: Bool)
    case customerLoadedForEdit(Customer, pets: [Pet], returnRoute: Route)
    case effectFailed(EffectError)

    /// True for what a person did (a key), false for results and ticks: only intents keep the terminal awake.
    public var isIntent: Bool {
        switch self {
        case .signIn(let m): m.isIntent
        case .lookup(let m): m.isIntent
        case .customerForm(let m): m.isIntent
        case .checkout(let m): m.isIntent
        case .lightspeed(let m): m.isIntent
        case .importHistory(let m): m.isIntent
        case .admin(let m): m.isIntent
        case .manager(let m): m.isIntent
        case .claims(let m): m.isIntent
        case .watcher(let m): m.isIntent
        case .changes(let m): m.isIntent
        case .quitApproval(let m): m.isIntent
        case .lockTerminal, .showHelp, .scrollHelp, .dismissModal, .requestQuit, .confirmQuit, .discardConfirmed,
             .keyInDiscardQuestion: true
        case .resized, .tick, .storeInfoLoaded, .customerLoadedForEdit, .effectFailed, .keyWhileHidden, .offline: false
        }
    }
}

/// The locked terminal's quit dialog: typing, Tab, Enter; then the store's answer.
public enum QuitApprovalMsg: Hashable, Sendable {
    case edit(Key)
    case nextField
    case submit
    case approved(username: String)
    /// The PIN was right but the user is a cashier.
    case notAManager
    /// The store refused the username or PIN (wrong, locked, disabled…).
    case refused(EffectError)

    public var isIntent: Bool {
        switch self {
        case .approved, .notAManager, .refused: false
        default: true
        }
    }
}
