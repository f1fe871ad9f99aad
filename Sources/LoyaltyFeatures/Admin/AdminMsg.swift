import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// A key's request on an admin screen.
public enum AdminAction: Hashable, Sendable {
    case add, edit, toggle, changeRole, resetSecret, open, remove, importCSV, editRule, togglePoints
    /// Users: clear the selected user's sign-in lock.
    case clearLock
    case chooseReport(ReportKind), setRange, export
    /// Cards close to complete: needing up to this many punches more or fewer (←/→).
    case changeWithin(Int)
    /// A digit typed (or scanned) on a program's UPC list: starts the add form with it.
    case typed(Character)
}

/// The admin and manager screens' messages: intents (keys) and results (from `AdminEffects`).
public enum AdminMsg: Hashable, Sendable {
    case openMenu
    case open(AdminScreen)
    case back
    case move(Key)
    case perform(AdminAction)
    case edit(Key)
    case submit
    case cancelForm

    // Results
    case loaded(AdminData)
    case done(String, AdminData)
    case failed(EffectError)
    case importRefused([CSVLineError])
    case reportLoaded(ReportTable)
    case exported(String)

    public var isIntent: Bool {
        switch self {
        case .openMenu, .open, .back, .move, .perform, .edit, .submit, .cancelForm: true
        case .loaded, .done, .failed, .importRefused, .reportLoaded, .exported: false
        }
    }
}

/// A write the admin screens ask of the store.
public enum AdminWrite: Hashable, Sendable {
    case addUser(username: String, displayName: String, role: Role, password: String, pin: String?)
    case setDisabled(String, Bool)
    case changeRole(String, Role)
    case resetSecret(String, password: String?, pin: String?)
    case clearLock(String)
    case addProgram(Program)
    case updateProgram(Program)
    /// Switches a program on or off (the confirmation says what that means for its cards).
    case setProgramActive(Int64, Bool)
    case addItem(ProgramItem)
    /// A UPC the program already has: its new description and size (confirmed as old → new first).
    case changeItem(ProgramItem)
    case removeItem(UPC)
    case updateSettings(StoreSettings)
    case setReward(name: String, cost: Int, active: Bool)
    case addLocation(Location)
    case updateLocation(Location)
    case deactivateLocation(Int64)
}

/// The admin screens' effects (`AdminEffects` runs them).
public enum AdminEffect: Hashable, Sendable, CustomStringConvertible {
    case load
    case write(AdminWrite, by: Operator)
    /// Reads a `upc,description,size` file and adds every line, all or nothing.
    case importItems(programID: Int64, path: String, by: Operator)
    /// `within`: cards close to complete need at most this many more punches.
    case runReport(ReportKind, from: LocalDate, through: LocalDate, by: Operator, within: Int = 2)
    case export(ReportTable, path: String)

    /// Never a password or a PIN.
    public var description: String {
        switch self {
        case .load: "admin.load"
        case .write(let w, let op):
            switch w {
            case .addUser(let u, _, let role, _, _): "admin.addUser(\(u), \(role.rawValue), by: \(op.username))"
            case .resetSecret(let u, _, _): "admin.resetSecret(\(u), by: \(op.username))"
            default: "admin.write(\(w), by: \(op.username))"
            }
        case .importItems(let id, _, let op): "admin.importItems(program \(id), by: \(op.username))"
        case .runReport(let kind, let from, let through, _, let within):
            "admin.report(\(kind.rawValue), \(from)…\(through)\(kind == .nearComplete ? ", within \(within)" : ""))"
        case .export(let table, _): "admin.export(\(table.rows.count) rows)"
        }
    }
}
