import Foundation
import LoyaltyCore
import TerminalKit

/// The whole program's state: where the cashier is, who is signed in, what dialog is open, and each
/// screen's own state. `AppFeature.update` is the only code that changes it.
public struct AppState: Hashable, Sendable {
    public var route: Route
    /// nil while nobody is signed in (including while locked).
    public var session: Session?
    public var modal: Modal?
    public var status: StatusMessage?
    public var storeName: String
    /// Shown in the status bar on every screen, so nobody mistakes the demo for the real store.
    public var trainingMode: Bool
    /// The terminal size (PgUp/PgDn page by it).
    public var screenSize: Size
    /// The last key, for the idle lock.
    public var lastActivity: Date
    /// Set by Quit; the event loop stops.
    public var shouldQuit: Bool
    /// Where an unlock by the same user returns to.
    public var routeBeforeLock: Route?
    /// Scans that arrived while nobody was signed in or the screen was too small, waiting for a checkout.
    public var keptScans: [HeldScan] = []
    /// Answers for the screens that arrived while the terminal was locked, applied when the same user unlocks
    /// (their screens resume); another user starts fresh without them.
    public var resultsWhileLocked: [AppMsg] = []
    /// The first line of the `?` help shown (it scrolls when it is longer than the screen).
    public var helpScroll: Int = 0
    /// Digits typed where no field takes them (behind the "please enlarge" notice, under "Throw away what you
    /// typed?"): a scanner's burst, until its Enter.
    public var scanTyping: String = ""

    public var signIn: SignInState
    public var lookup: LookupState
    public var customerForm: CustomerFormState
    public var checkout: CheckoutState
    public var importHistory: ImportHistoryState
    public var admin: AdminState
    public var manager: ManagerState
    /// The manufacturer claims screen (`Route.admin(.claims)`).
    public var claims = ClaimsState()
    /// The watcher's screens: customers to link, the sweep, its settings (`Route.admin(.watcher(page))`).
    public var watcherScreens = WatcherScreensState()
    /// "Changed in Lightspeed" (`Route.admin(.changes)`) and the manager's count of changes to review.
    public var changes = ChangesState()
    /// The Lightspeed button's state between messages (button off, a press waiting for a link).
    public var lightspeed = LightspeedUIState()
    /// Whether the store's server answers, and the scans kept on this counter while it did not.
    public var offline = OfflineState()

    /// This counter's location (config `location`): every session's operator carries it, the status bar
    /// names it. nil: the store's default location (tests, the bench).
    public var location: Location?

    public init(storeName: String = "", trainingMode: Bool = false, location: Location? = nil, now: Date = Date(),
                screenSize: Size = Size(width: 80, height: 24)) {
        self.location = location
        route = .signIn
        session = nil
        modal = nil
        status = nil
        self.storeName = storeName
        self.trainingMode = trainingMode
        self.screenSize = screenSize
        lastActivity = now
        shouldQuit = false
        routeBeforeLock = nil
        signIn = SignInState()
        lookup = LookupState()
        customerForm = CustomerFormState()
        checkout = CheckoutState(customerID: 0)
        importHistory = ImportHistoryState(customerID: 0)
        admin = AdminState()
        manager = ManagerState()
        lookup.pageRows = max(1, screenSize.height - LookupState.chromeRows)
    }

    public var isLocked: Bool { session == nil && signIn.lockedBy != nil }

    /// The smallest screen the layouts are drawn for; below it the event loop shows "please enlarge".
    public static let minimumSize = Size(width: 80, height: 24)
}
