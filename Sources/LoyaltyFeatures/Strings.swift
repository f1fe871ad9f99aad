import LoyaltyCore

/// Every sentence the view-models produce for the cashier (status lines and inline errors), in one place
/// so wording stays consistent and a translation has one file to touch. Screen labels live in LoyaltyUI.
public enum FeatureStrings {
    public static let signInNeedsUsername = "Type your username."
    public static let signInNeedsPassword = "Type your password."
    public static let signInNeedsPIN = "Type your PIN."
    public static let pinNeedsEarlierSignIn = "A PIN works after signing in once with the password on this terminal."
    public static let checkingSecret = "Checking…"
    public static func welcome(_ user: User) -> String { "Signed in as \(user.displayName) (\(user.role.rawValue))." }
    public static func lockedBy(_ username: String) -> String { "Locked. \(username) or another user may sign in." }
    public static let idleLocked = "Locked after a while without a key."
    public static let pinLength = "A PIN has 4 to 8 digits."
    /// A barcode scanned at the sign-in or lock screen: not a sign-in try; kept for after sign-in.
    public static func signedOutScan(_ upc: UPC) -> String {
        "Signed out: sign in to record the scan (\(upc.display)). It is kept until then."
    }
    /// After signing in, scans kept from before wait for a customer's checkout.
    public static func keptScansWaiting(_ count: Int) -> String {
        count == 1 ? "A scan from while signed out is kept: open the customer to record it."
            : "\(count) scans from while signed out are kept: open the customer to record them."
    }
    public static func keptScreenScansWaiting(_ count: Int) -> String {
        count == 1 ? "A scan arrived while the screen was too small: open the customer to record it."
            : "\(count) scans arrived while the screen was too small: open the customer to record them."
    }
    /// A scan under "Throw away what you typed?" (the shell's question), in the words "scanned during …" takes.
    public static let discardQuestionName = "the throw-away question"
    public static func discardQuestionScanHeld(_ upc: UPC) -> String {
        "Scan \(upc.display) held: you are asked about it once this form is closed."
    }
    public static func discardQuestionScanKept(_ upc: UPC) -> String {
        "Scan \(upc.display) kept: you are asked about it on the next customer's checkout."
    }
    public static func keptScansWaitingForACheckout(_ count: Int) -> String {
        count == 1 ? "A scan is kept: open the customer to record it."
            : "\(count) scans are kept: open the customer to record them."
    }

    // Quitting
    public static let quitNeedsManager = "Locked: only a manager may quit. A manager's username and PIN:"
    public static let quitManagerNeeded = "Type a manager's username and PIN."
    public static let quitOnlyManager = "Only a manager or an admin may quit while the terminal is locked."
    public static let checkingQuit = "Checking the PIN…"

    public static func notAllowed(_ action: Action) -> String {
        "Only a \(action.minimumRole.rawValue) may do that."
    }

    public static let searching = "Searching…"
    public static let noCustomerSelected = "No customer selected."

    public static let petNeedsName = "The pet needs a name."
    public static func tooManyPets(_ n: Int) -> String { "At most \(Counting.of(n, "pet")) at a time: save, then edit to add more." }
    public static let fixTheMarkedFields = "Fix the marked fields, then save again."
    public static let checkingDuplicates = "Checking for existing customers…"
    public static let saving = "Saving…"
    public static func customerAdded(_ name: String) -> String { "Added \(name)." }
    public static func customerUpdated(_ name: String) -> String { "Saved \(name)." }
    public static let loading = "Loading…"

    /// The sentence for why an effect failed. The store's, Lightspeed's and the rules' errors are written
    /// for the person at the counter (each type's `description`), so this is where a screen's wording of a
    /// failure starts; a screen's Strings file adds its own framing ("Nothing was changed.").
    public static func reason(_ failure: EffectError) -> String {
        switch failure {
        case .store(.serverUnreachable): OfflineStrings.needsServer
        case .store(let e): e.description
        case .customerInput(let e): e.description
        case .upc(let e): e.description
        case .importHistory(let e): e.description
        case .lightspeed(let e): e.description
        case .lightspeedService(let e): e.description
        case .lightspeedSale(let e): e.description
        case .file(let e): e.description
        case .unexpected(let words): words
        }
    }
}
