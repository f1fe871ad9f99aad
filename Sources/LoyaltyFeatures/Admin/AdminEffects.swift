import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// Performs the admin screens' effects: one store call per write (the store checks the role again and
/// refuses the last admin's lock-out, a UPC of another program…), then a fresh read of everything;
/// CSV files are read and written here, never in the store.
struct AdminEffects {
    let store: LoyaltyStore
    let logger: Logger
    /// The counter's own folder, whose `exports/` takes a report typed as a bare name.
    let localFolder: String

    func run(_ effect: AdminEffect) -> AppMsg {
        do {
            switch effect {
            case .load:
                return .admin(.loaded(try load()))
            case .write(let w, let op):
                let done = try write(w, by: op)
                logger.info("\(effect)")
                return .admin(.done(done, try load()))
            case .importItems(let programID, let path, let op):
                let text = try AdminCSV.read(path)
                switch AdminCSV.parseItems(text, programID: programID) {
                case .failure(let refused):
                    return .admin(.importRefused(refused.lines))
                case .success(let lines):
                    let items = lines.map(\.item)
                    let changes: [ProgramItemChange]
                    do {
                        changes = try store.addProgramItems(items, by: op)
                    } catch let refused as ProgramItemsRefused {
                        return .admin(.importRefused(refused.refusals.map {
                            CSVLineError(line: lines[$0.index].line, reason: $0.reason)
                        }))
                    }
                    logger.info("\(effect): \(items.count) items")
                    return .admin(.done(AdminStrings.imported(items.count) + AdminStrings.importChanged(changes), try load()))
                }
            case .runReport(let kind, let from, let through, let op, let within):
                return .admin(.reportLoaded(try report(kind, from: from, through: through, by: op, within: within)))
            case .export(let table, let typed):
                let path = AdminCSV.exportPath(typed, folder: AdminCSV.exportsFolder(in: localFolder))
                try AdminCSV.export(table, to: path)
                return .admin(.exported(path))
            }
        } catch {
            logger.notice("\(effect) refused: \(error)")
            return .admin(.failed(EffectError(error)))
        }
    }

    func load() throws -> AdminData {
        AdminData(users: try store.users(), programs: try store.programs(), settings: try store.settings(),
                  rewards: try store.pointsRewards(), today: try store.today(),
                  exportsFolder: AdminCSV.exportsFolder(in: localFolder), locations: try store.locations())
    }

    private func write(_ w: AdminWrite, by op: Operator) throws -> String {
        switch w {
        case .addUser(let username, let displayName, let role, let password, let pin):
            _ = try store.addUser(username: username, displayName: displayName, role: role, password: password,
                                  pin: pin, by: op)
            return AdminStrings.userAdded(username)
        case .setDisabled(let username, let disabled):
            try store.setUserDisabled(username, disabled, by: op)
            return AdminStrings.userDisabled(username, disabled)
        case .changeRole(let username, let role):
            try store.changeRole(of: username, to: role, by: op)
            return AdminStrings.roleChanged(username, role)
        case .resetSecret(let username, let password, let pin):
            try store.resetSecret(of: username, password: password, pin: pin, by: op)
            return AdminStrings.secretReset(username)
        case .clearLock(let username):
            try store.clearSignInLock(of: username, by: op)
            return AdminStrings.lockCleared(username)
        case .addProgram(let program):
            try store.addProgram(program, by: op)
            return AdminStrings.programSaved(program.name)
        case .updateProgram(let program):
            try store.updateProgram(program, by: op)
            return AdminStrings.programSaved(program.name)
        case .setProgramActive(let id, let active):
            return AdminStrings.programActivated(try store.setProgramActive(id, active, by: op))
        case .addItem(let item):
            try store.addProgramItem(item, by: op)
            return AdminStrings.itemAdded(item.upc)
        case .changeItem(let item):
            try store.changeProgramItem(item, by: op)
            return AdminStrings.itemChanged(item.upc)
        case .removeItem(let upc):
            try store.removeProgramItem(upc: upc, by: op)
            return AdminStrings.itemRemoved(upc)
        case .updateSettings(let settings):
            try store.updateSettings(settings, by: op)
            return AdminStrings.settingsSaved
        case .setReward(let name, let cost, let active):
            _ = try store.setPointsReward(name: name, cost: cost, active: active, by: op)
            return AdminStrings.rewardSaved(name)
        case .addLocation(let location):
            let added = try store.addLocation(location, by: op)
            return AdminStrings.locationAdded(added.name)
        case .updateLocation(let location):
            try store.updateLocation(location, by: op)
            return AdminStrings.locationSaved(location.name)
        case .deactivateLocation(let id):
            try store.deactivateLocation(id, by: op)
            return AdminStrings.locationDeactivated(try store.locations().first { $0.id == id }?.name ?? "#\(id)")
        }
    }

    func report(_ kind: ReportKind, from: LocalDate, through: LocalDate, by op: Operator,
                within: Int = 2) throws -> ReportTable {
        let range = "\(from.iso) – \(through.iso)"
        switch kind {
        case .redemptions:
            let rows = try store.redemptionsByProgram(from: from, through: through, by: op)
            return ReportTable(title: "\(AdminStrings.reportTitle(kind)), \(range)",
                               columns: ["manufacturer", "program", "location", "redemptions"],
                               rows: rows.map { [$0.manufacturer, $0.programName, $0.location, String($0.redemptions)] })
        case .nearComplete:
            let rows = try store.cardsCloseToComplete(within: within, by: op)
            return ReportTable(title: "\(AdminStrings.reportTitle(kind)), \(AdminStrings.within(within))",
                               columns: ["customer", "phone", "program", "punches", "needed"],
                               rows: rows.map { [$0.customerName, $0.phone ?? "", $0.programName,
                                                 "\($0.punches)/\($0.punchesRequired)",
                                                 String($0.punchesRequired - $0.punches)] })
        case .punchesBySource:
            let rows = try store.punchesBySource(from: from, through: through, by: op)
            // One line per day, one column per source.
            let sources = PunchSource.allCases
            var byDay: [LocalDate: [PunchSource: Int]] = [:]
            for r in rows { byDay[r.date, default: [:]][r.source] = r.punches }
            return ReportTable(title: "\(AdminStrings.reportTitle(kind)), \(range)",
                               columns: ["date"] + sources.map(\.rawValue) + ["total"],
                               rows: byDay.keys.sorted().map { day in
                                   let counts = sources.map { byDay[day]?[$0] ?? 0 }
                                   return [day.iso] + counts.map(String.init) + [String(counts.reduce(0, +))]
                               })
        }
    }
}
