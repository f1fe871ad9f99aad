import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// Which admin or manager screen is shown (the `Route.admin` payload).
public enum AdminScreen: Hashable, Sendable {
    case menu, users, programs, programItems(Int64), points, reports
    /// Enable Lightspeed (admin): `LightspeedUIState.setup`, drawn by `LightspeedSetupScreen`.
    case lightspeed
    /// Manufacturer claims (manager): `AppState.claims`, drawn by `ClaimsScreen`.
    case claims
    /// The watcher's screens: customers to link and the sweep (manager), its settings (admin).
    case watcher(WatcherPage)
    /// Changed in Lightspeed (manager): `AppState.changes`, drawn by `ChangesScreen`.
    case changes
    /// The chain's locations (admin).
    case locations
}

/// The reports a manager can run.
public enum ReportKind: String, Hashable, Sendable, CaseIterable {
    case redemptions, nearComplete, punchesBySource
}

/// A report's result as plain text cells: what the screen draws and what the CSV file holds.
public struct ReportTable: Hashable, Sendable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    public init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// Everything the admin screens show, read in one go (the tables are small).
public struct AdminData: Hashable, Sendable {
    public var users: [User]
    public var programs: [ProgramWithItems]
    public var settings: StoreSettings
    public var rewards: [StoredPointsReward]
    public var today: LocalDate
    /// Where a report's CSV goes when only a file name is typed (`AdminCSV.exportsFolder`).
    public var exportsFolder: String
    /// The chain's locations (the program editor's scope choice).
    public var locations: [Location]
    public init(users: [User], programs: [ProgramWithItems], settings: StoreSettings,
                rewards: [StoredPointsReward], today: LocalDate, exportsFolder: String = "", locations: [Location] = []) {
        self.locations = locations
        self.users = users
        self.programs = programs
        self.settings = settings
        self.rewards = rewards
        self.today = today
        self.exportsFolder = exportsFolder
    }
}

/// What an open admin form will do when submitted.
public enum AdminFormKind: Hashable, Sendable {
    case addUser, changeRole(String), resetSecret(String)
    case addProgram, editProgram(Int64), addItem(Int64), importItems(Int64)
    /// The add-UPC form whose UPC the program already has: Enter changes it (old → new in the note).
    case changeItem(ProgramItem)
    case pointsRule, addReward, changeRewardCost(String)
    case addLocation, editLocation(Int64)
    case reportRange, exportReport
}

/// An open form over an admin screen.
public struct AdminForm: Hashable, Sendable {
    public var kind: AdminFormKind
    public var title: String
    public var form: FormState
    /// The store's rules for this form, shown under its fields (e.g. what changing N does).
    public var note: String?
    /// Why the store refused the last save, shown in the form so it is read where it is fixed.
    public var refusal: String?
    /// The fields' texts as the form opened: Esc asks before throwing away anything typed since.
    var opened: [String]
    public init(kind: AdminFormKind, title: String, fields: [FormField]) {
        self.kind = kind
        self.title = title
        self.form = FormState(fields: fields)
        opened = fields.map(\.text)
    }
    /// Something was typed or chosen since the form opened.
    public var isChanged: Bool { form.fields.map(\.text) != opened }
    public func text(_ i: Int) -> String { form.fields[i].text.trimmingCharacters(in: .whitespaces) }
}

/// The admin and manager screens' state: the loaded data, a selection per list, the open form, the
/// current report and the last import's per-line errors.
public struct AdminState: Hashable, Sendable {
    public var data: AdminData?
    public var menuSelection = ListSelection()
    public var userSelection = ListSelection()
    public var programSelection = ListSelection()
    public var itemSelection = ListSelection()
    public var rewardSelection = ListSelection()
    public var locationSelection = ListSelection()
    public var form: AdminForm?
    public var report: ReportKind = .redemptions
    /// Cards close to complete: at most this many punches to go (`AdminStrings.withinRange`).
    public var nearWithin = 2
    public var from: LocalDate?
    public var through: LocalDate?
    public var table: ReportTable?
    public var tableSelection = ListSelection()
    /// The refused import's lines (shown until the next action).
    public var importErrors: [CSVLineError] = []
    public var busy = false
    /// A status line for the shell to show (taken and cleared by `AppFeature`).
    public var notice: StatusMessage?
    public var pageRows = 10

    public init() {}

    public var selectedUser: User? { data.flatMap { d in userSelection.index.flatMap { d.users.indices.contains($0) ? d.users[$0] : nil } } }
    public var selectedProgram: ProgramWithItems? {
        data.flatMap { d in programSelection.index.flatMap { d.programs.indices.contains($0) ? d.programs[$0] : nil } }
    }
    public func program(_ id: Int64) -> ProgramWithItems? { data?.programs.first { $0.program.id == id } }
    public var selectedLocation: Location? {
        data.flatMap { d in locationSelection.index.flatMap { d.locations.indices.contains($0) ? d.locations[$0] : nil } }
    }
    public var selectedReward: StoredPointsReward? {
        data.flatMap { d in rewardSelection.index.flatMap { d.rewards.indices.contains($0) ? d.rewards[$0] : nil } }
    }
}

/// One line of the admin/manager menu.
public struct AdminMenuEntry: Hashable, Sendable {
    public var screen: AdminScreen
    public var title: String
    public var action: Action
}
