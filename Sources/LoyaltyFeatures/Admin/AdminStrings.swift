import LoyaltyCore
import LoyaltyStore

/// The admin and manager screens' sentences (status lines, form titles and labels).
public enum AdminStrings {
    /// Why a load, a write, a file or a report failed.
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    public static let menuTitle = "Manager and admin"
    public static let usersTitle = "Users"
    public static let programsTitle = "Programs"
    public static let pointsTitle = "Points settings"
    public static let reportsTitle = "Reports"
    public static let locationsTitle = "Locations"
    public static let addLocation = "Add location"
    public static func editLocation(_ name: String) -> String { "Edit location \(name)" }
    public static let address = "Address", timeZone = "Time zone", lightspeedShop = "Lightspeed shop"
    public static let locationNote = "Counters name their location in the config (\"location\"). Its time zone decides "
        + "\"today\" there; a Lightspeed shop's location keeps the shop's zone."
    public static func locationAdded(_ name: String) -> String { "Added location \(name)." }
    public static func locationSaved(_ name: String) -> String { "Saved location \(name)." }
    public static func locationDeactivated(_ name: String) -> String {
        "Deactivated \(name): no counter opens there any more; its history stays."
    }
    public static func locationAlreadyDeactivated(_ name: String) -> String { "\(name) is already deactivated." }
    public static func reportTitle(_ kind: ReportKind) -> String {
        switch kind {
        case .redemptions: "Redemptions by program"
        case .nearComplete: "Cards close to complete"
        case .punchesBySource: "Punches by source per day"
        }
    }
    /// The report's tab label (three fit in 80 columns).
    public static func reportTab(_ kind: ReportKind) -> String {
        switch kind {
        case .redemptions: "Redemptions"
        case .nearComplete: "Close to complete"
        case .punchesBySource: "Punches by source"
        }
    }
    public static func signInForRest(_ role: Role) -> String {
        switch role {
        case .admin: ""
        case .manager: "An admin must sign in for users, programs and points settings."
        case .cashier: "A manager or admin must sign in for these screens."
        }
    }
    public static let nothingSelected = "Nothing selected."
    public static let working = "Working…"
    public static let fixFields = "Fix the marked field, then save again."
    public static let required = "Required."
    public static let wholeNumber = "A whole number above 0."
    public static let notADate = "A date as YYYY-MM-DD."
    public static let rangeBackwards = "The range ends before it starts."
    public static let roleChoices = "cashier, manager or admin"
    public static let pinDigits = "4 to 8 digits."
    public static let passwordOrPIN = "Give a new password, a new PIN, or both."
    public static let runReportFirst = "Nothing to export: run the report first."
    /// Cards close to complete: how far from complete they may be (the manager chooses, ←/→).
    public static let withinRange = 1...5
    public static func within(_ n: Int) -> String {
        "cards needing \(Counting.of(n, "punch")) or fewer"
    }
    public static func withinLimit(_ range: ClosedRange<Int>) -> String {
        "Close to complete means \(range.lowerBound) to \(range.upperBound) punches to go."
    }
    public static func programActivated(_ a: ProgramActivation) -> String {
        a.program.active
            ? "\(a.program.name) is active: its \(Counting.of(a.items, "UPC")) \(Counting.verb(a.items, "earns", "earn")) punches again."
            : "\(a.program.name) is inactive: its \(Counting.of(a.items, "UPC")) \(Counting.verb(a.items, "earns", "earn")) no punches; \(a.openCards) open and "
              + "\(Counting.of(a.completeCards, "complete card")) keep their punches (complete ones can still be redeemed). D again undoes."
    }

    // Form titles
    public static let addUser = "Add user"
    public static func changeRole(_ u: String) -> String { "Change the role of \(u)" }
    public static func resetSecret(_ u: String) -> String { "New password or PIN for \(u)" }
    public static let addProgram = "Add program"
    public static let editProgram = "Edit program"
    public static let programRulesNew = "Names are unique; N is 1 or more; the window is months (empty: none). "
        + "Add its UPCs after saving (Enter on the program)."
    public static let programRulesEdit = "Names are unique. A new N re-states cards in progress (open ↔ complete) and is "
        + "refused while a card holds more punches than it. D on the list switches the program off or on."
    public static let addItem = "Add UPC (type or scan)"
    public static let importItems = "Import UPCs from a CSV file (upc,description,size)"
    public static let pointsRule = "Earn rule"
    public static let addReward = "Add points reward"
    public static func changeCost(_ name: String) -> String { "Point cost of \(name)" }
    public static let reportRange = "Date range"
    public static let exportReport = "Export to CSV"

    // Field labels
    public static let username = "Username", displayName = "Display name", role = "Role", password = "Password"
    public static let pin = "PIN", newPassword = "New password", newPIN = "New PIN"
    public static let name = "Name", manufacturer = "Manufacturer", punches = "Punches (N)"
    public static let rewardRule = "Reward rule", window = "Window (months)"
    /// Where a program earns punches: "whole chain" or one location (a chain's program form only).
    public static let scope = "Earns at"
    public static let upc = "UPC", itemDescription = "Description", size = "Size", path = "File path"
    public static let pointsPerUnit = "Points per whole $", cost = "Cost (points)"
    public static let from = "From", through = "Through"

    // Outcomes
    public static func userAdded(_ u: String) -> String { "Added user \(u)." }
    public static func userDisabled(_ u: String, _ disabled: Bool) -> String { disabled ? "Disabled \(u)." : "Enabled \(u)." }
    public static func roleChanged(_ u: String, _ r: Role) -> String { "\(u) is now \(r.rawValue)." }
    public static func secretReset(_ u: String) -> String { "Saved the new secret for \(u)." }
    public static func lockCleared(_ u: String) -> String { "\(u) may sign in again: the lock is cleared (audited)." }
    public static func notLocked(_ u: String) -> String { "\(u) is not locked." }
    public static func programSaved(_ n: String) -> String { "Saved program \(n)." }
    public static func itemAdded(_ upc: UPC) -> String { "Added \(upc.display)." }
    public static func itemRemoved(_ upc: UPC) -> String { "Removed \(upc.display)." }
    public static let settingsSaved = "Saved the points settings."
    public static func rewardSaved(_ n: String) -> String { "Saved reward \(n)." }
    public static func imported(_ n: Int) -> String { "Imported \(Counting.of(n, "UPC"))." }
    public static func importRefused(_ n: Int) -> String {
        "Nothing imported: \(Counting.of(n, "bad line")) (listed below). Fix the file and import again."
    }
    public static func exported(_ path: String) -> String { "Exported to \(path) (only this user can read it)." }
    public static func exportWhere(_ folder: String) -> String {
        "A file name is saved in \(folder.isEmpty ? "the exports folder next to the store" : folder); a path starting "
            + "with / or ~/ is used as typed. The file is readable by this user only, and never overwritten."
    }
}
