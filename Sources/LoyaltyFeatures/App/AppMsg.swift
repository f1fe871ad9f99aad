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

    // Shell intents
    case lockTerminal
    case showHelp
    case dismissModal
    case requestQuit
    case confirmQuit
    /// Y in "throw away what was typed?": the held Esc goes through.
    case discardConfirmed
    /// The terminal changed size.
    case resized(Size)
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
        case .lockTerminal, .showHelp, .dismissModal, .requestQuit, .confirmQuit, .discardConfirmed: true
        case .resized, .tick, .storeInfoLoaded, .customerLoadedForEdit, .effectFailed: false
        }
    }
}
