/// Which screen is shown. Navigation is state: a test asserts the route, the renderer switches on it.
///
/// To add a screen (e.g. checkout): add a case here, a state field in `AppState`, a message case in
/// `AppMsg`, route its messages in `AppFeature.update`, and a render function in LoyaltyUI's `AppScreen`.
public enum Route: Hashable, Sendable {
    case signIn
    case lookup
    case customerForm
    /// The checkout screen for a customer: cards, scanning, redeem and the other card actions.
    case checkout(Int64)
    /// Import History for a customer (from the checkout screen's action under the name).
    case importHistory(Int64)
    /// The admin/manager menu and its screens (users, programs, points settings, reports).
    case admin(AdminScreen)
    /// A manager screen: audit log, likely duplicates, combine preview (`ManagerState`).
    case manager(ManagerPage)
}

extension Route {
    public var isCheckout: Bool {
        if case .checkout = self { return true }
        return false
    }
}

/// A dialog over the current screen. While one is shown it takes every key.
public enum Modal: Hashable, Sendable {
    /// The `?` / F1 overlay: every key of the current screen, generated from its keymap.
    case help
    case confirmQuit
    /// Ctrl-Q while the terminal is locked: only a manager (or admin) may quit, with their username and PIN.
    /// `checking` while the store checks it.
    case quitNeedsManager(CheckoutForm, checking: Bool)
    /// Esc on a form with something typed: Y throws it away (the held message goes through), N keeps it.
    case confirmDiscard(AppMsg)
}

/// The one line of feedback above the help bar ("Added Zoë Smith.", "Wrong password…").
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, success, error }
    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    public static func error(_ text: String) -> StatusMessage { StatusMessage(text, kind: .error) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(text, kind: .success) }
}
