import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The admin and manager screens' rules. Every screen and every action asks the session's role first
/// (the store asks again); forms are checked here before a write is asked for.
public enum AdminFeature {
    static let allEntries: [AdminMenuEntry] = [
        AdminMenuEntry(screen: .users, title: AdminStrings.usersTitle, action: .manageUsers),
        AdminMenuEntry(screen: .programs, title: AdminStrings.programsTitle, action: .managePrograms),
        AdminMenuEntry(screen: .points, title: AdminStrings.pointsTitle, action: .editPointsSettings),
        AdminMenuEntry(screen: .reports, title: AdminStrings.reportsTitle, action: .viewReports),
        AdminMenuEntry(screen: .lightspeed, title: LightspeedSetupStrings.title, action: .linkLightspeed),
        AdminMenuEntry(screen: .claims, title: ClaimsStrings.title, action: .manageClaims),
        AdminMenuEntry(screen: .changes, title: ChangesStrings.title, action: .reviewLightspeedChanges),
        AdminMenuEntry(screen: .watcher(.unlinked), title: WatcherScreensStrings.unlinkedTitle, action: .reviewLightspeedSales),
        AdminMenuEntry(screen: .watcher(.sweep), title: WatcherScreensStrings.sweepTitle, action: .reviewLightspeedSales),
        AdminMenuEntry(screen: .watcher(.settings), title: WatcherScreensStrings.settingsTitle, action: .editSettings),
        AdminMenuEntry(screen: .locations, title: AdminStrings.locationsTitle, action: .manageLocations),
    ]

    /// The menu lines this role may open.
    public static func menu(for role: Role) -> [AdminMenuEntry] { allEntries.filter { role.may($0.action) } }

    /// What a role needs to open a screen.
    public static func action(for screen: AdminScreen) -> Action? {
        switch screen {
        case .menu: nil
        case .users: .manageUsers
        case .programs, .programItems: .managePrograms
        case .points: .editPointsSettings
        case .reports: .viewReports
        case .lightspeed: .linkLightspeed
        case .claims: .manageClaims
        case .watcher(.settings): .editSettings
        case .watcher: .reviewLightspeedSales
        case .changes: .reviewLightspeedChanges
        case .locations: .manageLocations
        }
    }

    public static func update(_ state: inout AdminState, screen: AdminScreen, _ msg: AdminMsg,
                              session: Session) -> [Effect] {
        if msg.isIntent { state.importErrors = [] }
        switch msg {
        case .openMenu, .open, .back:
            return []
        case .move(let key):
            switch screen {
            case .menu: state.menuSelection.handle(key, visibleRows: state.pageRows)
            case .users: state.userSelection.handle(key, visibleRows: state.pageRows)
            case .programs: state.programSelection.handle(key, visibleRows: state.pageRows)
            case .programItems: state.itemSelection.handle(key, visibleRows: state.pageRows)
            case .points: state.rewardSelection.handle(key, visibleRows: state.pageRows)
            case .reports: state.tableSelection.handle(key, visibleRows: state.pageRows)
            case .locations: state.locationSelection.handle(key, visibleRows: state.pageRows)
            case .lightspeed, .claims, .watcher, .changes: break
            }
            return []
        case .edit(let key):
            _ = state.form?.form.handle(key)
            return []
        case .cancelForm:
            state.form = nil
            return []
        case .perform(let action):
            if let needed = Self.action(for: screen), !session.may(needed) {
                state.notice = .error(FeatureStrings.notAllowed(needed))
                return []
            }
            return perform(&state, screen: screen, action, session: session)
        case .submit:
            guard var form = state.form else { return [] }
            // Enter moves to the next field; on the last one it saves.
            if form.form.focus < form.form.fields.count - 1 {
                form.form.focus(on: form.form.focus + 1)
                state.form = form
                return []
            }
            return AdminForms.submit(&state, session: session)
        case .loaded(let data):
            load(&state, data, screen: screen)
            return []
        case .done(let message, let data):
            state.busy = false
            state.form = nil
            load(&state, data, screen: screen)
            state.notice = .success(message)
            return []
        case .failed(let failure):
            state.busy = false
            state.form?.refusal = AdminStrings.failed(failure)
            state.notice = .error(AdminStrings.failed(failure))
            return []
        case .importRefused(let errors):
            state.busy = false
            state.form = nil
            state.importErrors = errors
            state.notice = .error(AdminStrings.importRefused(errors.count))
            return []
        case .reportLoaded(let table):
            state.busy = false
            state.table = table
            state.tableSelection = ListSelection(count: table.rows.count)
            return []
        case .exported(let path):
            state.busy = false
            state.form = nil
            state.notice = .success(AdminStrings.exported(path))
            return []
        }
    }

    static func load(_ state: inout AdminState, _ data: AdminData, screen: AdminScreen) {
        state.data = data
        if case .programItems(let id) = screen {
            state.itemSelection.setCount(state.program(id)?.items.count ?? 0, visibleRows: state.pageRows)
        }
        state.userSelection.setCount(data.users.count, visibleRows: state.pageRows)
        state.programSelection.setCount(data.programs.count, visibleRows: state.pageRows)
        state.rewardSelection.setCount(data.rewards.count, visibleRows: state.pageRows)
        state.locationSelection.setCount(data.locations.count, visibleRows: state.pageRows)
        if state.from == nil { state.from = data.today.adding(days: -29) }
        if state.through == nil { state.through = data.today }
    }

    /// The effect that runs the current report.
    public static func runReport(_ state: inout AdminState, session: Session) -> [Effect] {
        guard let from = state.from, let through = state.through else { return [] }
        state.busy = true
        return [.admin(.runReport(state.report, from: from, through: through, by: session.op, within: state.nearWithin))]
    }

    private static func perform(_ state: inout AdminState, screen: AdminScreen, _ action: AdminAction,
                                session: Session) -> [Effect] {
        let op = session.op
        switch (screen, action) {
        case (.users, .add):
            state.form = AdminForms.addUser()
        case (.users, .toggle), (.users, .changeRole), (.users, .resetSecret):
            guard let user = state.selectedUser else { return nothing(&state) }
            if action == .toggle {
                state.busy = true
                return [.admin(.write(.setDisabled(user.username, !user.disabled), by: op))]
            }
            state.form = action == .changeRole ? AdminForms.changeRole(user) : AdminForms.resetSecret(user)
        case (.users, .clearLock):
            guard let user = state.selectedUser else { return nothing(&state) }
            guard user.lockedUntil != nil else {
                state.notice = StatusMessage(AdminStrings.notLocked(user.username))
                return []
            }
            state.busy = true
            return [.admin(.write(.clearLock(user.username), by: op))]
        case (.programs, .add):
            state.form = AdminForms.program(nil, locations: state.data?.locations ?? [])
        case (.programs, .edit):
            guard let p = state.selectedProgram else { return nothing(&state) }
            state.form = AdminForms.program(p.program, locations: state.data?.locations ?? [])
        case (.programs, .open):
            return []  // navigation: AppFeature opens the items screen
        case (.programs, .toggle):
            guard let p = state.selectedProgram else { return nothing(&state) }
            state.busy = true
            return [.admin(.write(.setProgramActive(p.program.id, !p.program.active), by: op))]
        case (.programItems(let id), .add):
            state.form = AdminForms.addItem(id)
        case (.programItems(let id), .typed(let digit)) where digit.isASCII && digit.isNumber:
            var form = AdminForms.addItem(id)
            form.form.fields[0].input.setText(String(digit))
            state.form = form
        case (.programItems(let id), .importCSV):
            state.form = AdminForms.importItems(id)
        case (.programItems(let id), .remove):
            guard let items = state.program(id)?.items, let i = state.itemSelection.index, items.indices.contains(i)
            else { return nothing(&state) }
            state.busy = true
            return [.admin(.write(.removeItem(items[i].upc), by: op))]
        case (.points, .editRule):
            state.form = AdminForms.pointsRule(state.data?.settings.pointsRule ?? PointsRule())
        case (.points, .togglePoints):
            guard var settings = state.data?.settings else { return [] }
            settings.pointsEnabled.toggle()
            state.busy = true
            return [.admin(.write(.updateSettings(settings), by: op))]
        case (.points, .add):
            state.form = AdminForms.addReward()
        case (.points, .edit):
            guard let r = state.selectedReward else { return nothing(&state) }
            state.form = AdminForms.changeCost(r)
        case (.points, .toggle):
            guard let r = state.selectedReward else { return nothing(&state) }
            state.busy = true
            return [.admin(.write(.setReward(name: r.name, cost: r.cost, active: !r.active), by: op))]
        case (.locations, .add):
            state.form = AdminForms.location(nil)
        case (.locations, .edit):
            guard let location = state.selectedLocation else { return nothing(&state) }
            state.form = AdminForms.location(location)
        case (.locations, .toggle):
            guard let location = state.selectedLocation else { return nothing(&state) }
            guard location.active else {
                state.notice = StatusMessage(AdminStrings.locationAlreadyDeactivated(location.name))
                return []
            }
            state.busy = true
            return [.admin(.write(.deactivateLocation(location.id), by: op))]
        case (.reports, .chooseReport(let kind)):
            state.report = kind
            state.table = nil
            return runReport(&state, session: session)
        case (.reports, .changeWithin(let delta)):
            guard state.report == .nearComplete else { return [] }
            let within = state.nearWithin + delta
            guard AdminStrings.withinRange.contains(within) else {
                state.notice = StatusMessage(AdminStrings.withinLimit(AdminStrings.withinRange))
                return []
            }
            state.nearWithin = within
            return runReport(&state, session: session)
        case (.reports, .setRange):
            state.form = AdminForms.range(from: state.from, through: state.through)
        case (.reports, .export):
            guard state.table != nil else {
                state.notice = StatusMessage(AdminStrings.runReportFirst)
                return []
            }
            state.form = AdminForms.export(state.report, folder: state.data?.exportsFolder ?? "")
        default:
            return []
        }
        return []
    }

    private static func nothing(_ state: inout AdminState) -> [Effect] {
        state.notice = StatusMessage(AdminStrings.nothingSelected)
        return []
    }
}
