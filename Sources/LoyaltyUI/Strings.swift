import LoyaltyCore
/// Every label, title and key description the screens show, in one place.
public enum UIStrings {
    // Shell
    public static let trainingMode = "TRAINING MODE"
    public static let notSignedIn = "not signed in"
    public static let locked = "LOCKED"
    public static let appName = "Astro Loyalty"

    // Key descriptions (help bar and ? overlay)
    public static let keyHelp = "Help"
    public static let keyLock = "Lock"
    public static let keyQuit = "Quit"
    public static let keySignIn = "Sign in"
    public static let keyNextField = "Next field"
    public static let keyPreviousField = "Previous field"
    public static let keyUsePIN = "Use PIN"
    public static let keyUsePassword = "Use password"
    public static let keyMove = "Move"
    public static let keyPage = "Page"
    public static let keyFirstLast = "First/last"
    public static let keyOpen = "Open"
    public static let keyNewCustomer = "New customer"
    public static let keyClear = "Clear"
    public static let keySave = "Save"
    public static let keyNextOrSave = "Next field (save on the last)"
    public static let keyAddPet = "Add pet"
    public static let keyRemovePet = "Remove pet"
    public static let keyCancel = "Cancel"
    public static let keyBack = "Back"
    public static let keyClose = "Close"
    public static let keyOpenExisting = "Open existing"
    public static let keySaveAnyway = "Save anyway"
    public static let keyKeepEditing = "Keep editing"
    public static let keyChoose = "Choose"
    public static let keyYesQuit = "Quit"
    public static let keyNoStay = "Stay"
    public static let keyTypeToSearch = "Search as you type"
    public static let keyEditing = "Edit text (←/→, Backspace, Ctrl-U, Ctrl-W)"

    // Sign in
    public static let signInTitle = "Sign in"
    public static let unlockTitle = "Terminal locked"
    public static let usernameLabel = "Username"
    public static let passwordLabel = "Password"
    public static let pinLabel = "PIN"
    public static let checking = "Checking…"
    public static func lockedHint(_ username: String) -> String {
        "Locked by \(username). Sign in to continue."
    }
    public static let pinHint = "F2 switches between password and quick PIN."

    // Lookup
    public static let lookupTitle = "Customer lookup"
    public static let searchLabel = "Search"
    public static let searchPlaceholder = "name, phone or email"
    public static let searchHint = "Type part of a name, a phone number (any format) or an email."
    public static let searching = "Searching…"
    public static func resultCount(_ n: Int, more: Bool = false) -> String {
        more ? "\(n)+ customers: type more" : Counting.of(n, "customer")
    }
    public static func noMatch(_ query: String) -> String { "No customer matches \"\(query)\"." }
    public static let offerAdd = "Press F2 to add a new customer."
    public static let columnName = "Name"
    public static let columnPhone = "Phone"
    public static let columnEmail = "Email"
    public static let columnOpen = "Open"
    public static let columnReady = "Ready"
    public static let columnPoints = "Points"

    // Customer form
    public static let newCustomerTitle = "New customer"
    public static let editCustomerTitle = "Edit customer"
    public static let firstNameLabel = "First name"
    public static let lastNameLabel = "Last name"
    public static let phoneLabel = "Phone"
    public static let emailLabel = "Email"
    public static let petsHeading = "Pets"
    public static func petLabel(_ n: Int) -> String { "Pet \(n)" }
    public static let speciesLabel = "Species"
    public static let petNamePlaceholder = "name"
    public static let speciesPlaceholder = "dog, cat…"
    public static let noPets = "No pets yet: F3 adds one."
    public static let petsOnFile = "On file:"
    public static let requiredMark = "*"
    public static let optional = "optional"
    public static let duplicateTitle = "Possible duplicate"
    public static let duplicateIntro = "This may be a customer who is already in the store:"
    public static let reasonSamePhone = "same phone"
    public static let reasonSameEmail = "same email"
    public static let reasonSameName = "same name"
    public static let reasonSimilarName = "similar name"

    public static let loading = "Loading…"

    // Dialogs
    public static func helpTitle(_ screen: String) -> String { "Keys: \(screen)" }
    public static let quitTitle = "Quit Astro Loyalty?"
    public static let quitMessage = "The terminal is left signed out."
    public static let discardTitle = "Throw away what you typed?"
    public static let discardMessage = "The form has unsaved input. Y closes it and loses that input; N goes back to it."
    public static let keyDiscard = "Throw away"
}
