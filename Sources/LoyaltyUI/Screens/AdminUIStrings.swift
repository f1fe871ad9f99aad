import Foundation
import LoyaltyCore

/// Labels and key descriptions of the admin and manager screens.
enum AdminUIStrings {
    static let badLines = "Refused lines (nothing was imported):"
    static let nothingForRole = "Nothing here for your role."
    static let loading = "Loading…"
    static let disabled = "disabled", enabled = "active"
    static let colUsername = "Username", colName = "Name", colRole = "Role", colStatus = "Status"
    static let colProgram = "Program", colManufacturer = "Manufacturer", colWindow = "Window", colUPCs = "UPCs"
    static let colRule = "Reward rule", colUPC = "UPC", colItem = "Item", colSize = "Size"
    static let colReward = "Points reward", colCost = "Cost"
    static let noPrograms = "No programs yet: A adds one."
    static let noItems = "No UPCs yet: A adds one (type or scan), I imports a CSV file."
    static let noRewards = "No points rewards yet: A adds one."
    static let noRows = "Nothing in this range."
    static func itemsTitle(_ program: String) -> String { "UPCs of \(program)" }
    static func buyN(_ n: Int) -> String { "buy \(n) get 1 free" }
    static let pointsLabel = "Points program: ", earnLabel = "Earn rule: "
    static let on = "on", off = "off", offered = "offered", inactive = "inactive"
    static func earnRule(_ rule: PointsRule) -> String {
        "\(Counting.of(rule.points, "point")) per whole $\(rule.unitCents / 100) of the sale subtotal"
    }

    static let keyMenu = "Manager/admin menu"
    static let barMenu = "Menu"
    static let keyOpen = "Open", keyBack = "Back", keyMove = "Move", keyAdd = "Add", keyEdit = "Edit"
    static let keyToggleUser = "Disable/enable", keyRole = "Role", keyReset = "Reset password/PIN"
    static let keyClearLock = "Clear sign-in lock"
    /// "locked until 15:42" on the store's clock (`zone`, an IANA id).
    static func lockedUntil(_ date: Date, zone: String) -> String {
        let timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0)!
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        return String(format: "locked until %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
    static let keyScan = "Scan or type a UPC to add it"
    static let keyUPCs = "UPCs", keyRemove = "Remove UPC", keyImport = "Import CSV"
    static let keyEarn = "Earn rule", keyPointsOnOff = "Points on/off", keyCost = "Change cost"
    static let keyToggleReward = "Deactivate/activate"
    static let keyToggleProgram = "Deactivate/activate"
    static let keyDeactivate = "Deactivate"
    static func onlyAt(_ location: String) -> String { " (\(location) only)" }
    static let colTimeZone = "Time zone", colShop = "Lightspeed shop", colAddress = "Address"
    static let noLocations = "No locations: A adds one."
    static let defaultLocation = "default"
    static let keyWithin = "Punches to go −/+"
    static let keyReports = "Choose report", keyRange = "Date range", keyExport = "Export CSV"
    static let keyNextOrSave = "Next / save", keyNextField = "Next field"
    static let keyCancel = "Cancel", keyEditing = "Type into the field"
}
