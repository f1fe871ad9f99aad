import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The admin forms: how each opens (fields, prefilled values, secure fields) and how it is checked and
/// turned into a write when submitted. A field in error keeps the form open with the reason under it.
enum AdminForms {
    static func field(_ label: String, _ text: String = "", max: Int = 80, allowed: AllowedCharacters = .any,
                      secure: Bool = false, placeholder: String? = nil) -> FormField {
        FormField(label, input: TextFieldState(text: text, maxLength: max, allowed: allowed, isSecure: secure),
                  placeholder: placeholder)
    }

    static func addUser() -> AdminForm {
        AdminForm(kind: .addUser, title: AdminStrings.addUser, fields: [
            field(AdminStrings.username, max: 32), field(AdminStrings.displayName),
            .choice(AdminStrings.role, Role.allCases.map(\.rawValue), selected: Role.cashier.rawValue),
            field(AdminStrings.password, max: 64, secure: true),
            field(AdminStrings.pin, max: 8, allowed: .digits, secure: true, placeholder: "optional"),
        ])
    }

    static func changeRole(_ user: User) -> AdminForm {
        AdminForm(kind: .changeRole(user.username), title: AdminStrings.changeRole(user.username), fields: [
            .choice(AdminStrings.role, Role.allCases.map(\.rawValue), selected: user.role.rawValue),
        ])
    }

    static func resetSecret(_ user: User) -> AdminForm {
        AdminForm(kind: .resetSecret(user.username), title: AdminStrings.resetSecret(user.username), fields: [
            field(AdminStrings.newPassword, max: 64, secure: true, placeholder: "unchanged"),
            field(AdminStrings.newPIN, max: 8, allowed: .digits, secure: true, placeholder: "unchanged"),
        ])
    }

    /// The program form. A chain (more than one active location) also chooses where the program earns punches
    /// (field 5, `AdminStrings.scope`); a store of one location does not see the field.
    static func program(_ p: Program?, locations: [Location] = []) -> AdminForm {
        var form = AdminForm(kind: p.map { .editProgram($0.id) } ?? .addProgram,
                  title: p == nil ? AdminStrings.addProgram : AdminStrings.editProgram, fields: [
            field(AdminStrings.name, p?.name ?? ""), field(AdminStrings.manufacturer, p?.manufacturer ?? ""),
            field(AdminStrings.punches, p.map { String($0.punchesRequired) } ?? "", max: 3, allowed: .digits),
            field(AdminStrings.rewardRule, p?.rewardRule ?? "lesser or equal value free"),
            field(AdminStrings.window, p?.completionWindowMonths.map(String.init) ?? "", max: 3, allowed: .digits,
                  placeholder: "none"),
        ] + scopeField(p?.scope ?? .chain, locations: locations))
        form.note = p == nil ? AdminStrings.programRulesNew : AdminStrings.programRulesEdit
        return form
    }

    static func scopeField(_ scope: ProgramScope, locations: [Location]) -> [FormField] {
        let active = locations.filter(\.active)
        guard active.count > 1 else { return [] }
        return [.choice(AdminStrings.scope, [ProgramScope.chain.label] + active.map(\.name), selected: scope.label)]
    }

    /// The scope chosen in the program form (field 5), or `current` when the form has no scope field.
    static func chosenScope(_ form: AdminForm, locations: [Location], current: ProgramScope) -> ProgramScope {
        guard form.form.fields.count > 5 else { return current }
        let chosen = form.text(5)
        guard let location = locations.first(where: { $0.active && $0.name == chosen }) else { return .chain }
        return .location(id: location.id, name: location.name)
    }

    /// A location's form: name, address, time zone, Lightspeed shop ID (optional).
    static func location(_ l: Location?) -> AdminForm {
        var form = AdminForm(kind: l.map { .editLocation($0.id) } ?? .addLocation,
                             title: l == nil ? AdminStrings.addLocation : AdminStrings.editLocation(l!.name), fields: [
            field(AdminStrings.name, l?.name ?? "", max: 60), field(AdminStrings.address, l?.address ?? "", max: 120),
            field(AdminStrings.timeZone, l?.timeZoneID ?? "", max: 60, placeholder: "e.g. America/Denver"),
            field(AdminStrings.lightspeedShop, l?.lightspeedShopID ?? "", max: 20, placeholder: "none"),
        ])
        form.note = AdminStrings.locationNote
        return form
    }

    static func addItem(_ programID: Int64) -> AdminForm {
        AdminForm(kind: .addItem(programID), title: AdminStrings.addItem, fields: [
            field(AdminStrings.upc, max: 14, allowed: .digits), field(AdminStrings.itemDescription),
            field(AdminStrings.size, max: 30),
        ])
    }

    static func importItems(_ programID: Int64) -> AdminForm {
        AdminForm(kind: .importItems(programID), title: AdminStrings.importItems,
                  fields: [field(AdminStrings.path, max: 400)])
    }

    static func pointsRule(_ rule: PointsRule) -> AdminForm {
        AdminForm(kind: .pointsRule, title: AdminStrings.pointsRule, fields: [
            field(AdminStrings.pointsPerUnit, String(rule.points), max: 4, allowed: .digits),
        ])
    }

    static func addReward() -> AdminForm {
        AdminForm(kind: .addReward, title: AdminStrings.addReward, fields: [
            field(AdminStrings.name), field(AdminStrings.cost, max: 7, allowed: .digits),
        ])
    }

    static func changeCost(_ r: StoredPointsReward) -> AdminForm {
        AdminForm(kind: .changeRewardCost(r.name), title: AdminStrings.changeCost(r.name), fields: [
            field(AdminStrings.cost, String(r.cost), max: 7, allowed: .digits),
        ])
    }

    static func range(from: LocalDate?, through: LocalDate?) -> AdminForm {
        AdminForm(kind: .reportRange, title: AdminStrings.reportRange, fields: [
            field(AdminStrings.from, from?.iso ?? "", max: 10, placeholder: "YYYY-MM-DD"),
            field(AdminStrings.through, through?.iso ?? "", max: 10, placeholder: "YYYY-MM-DD"),
        ])
    }

    static func export(_ kind: ReportKind, folder: String) -> AdminForm {
        var form = AdminForm(kind: .exportReport, title: AdminStrings.exportReport,
                             fields: [field(AdminStrings.path, "\(kind.rawValue).csv", max: 400)])
        form.note = AdminStrings.exportWhere(folder)
        return form
    }

    // MARK: - Submitting

    /// Checks the open form; on success returns the write (the form stays open until it is done).
    static func submit(_ state: inout AdminState, session: Session) -> [Effect] {
        guard var form = state.form else { return [] }
        form.refusal = nil
        state.form = form
        let op = session.op
        func fail(_ i: Int, _ message: String) -> [Effect] {
            form.form.fields[i].error = message
            form.form.focus(on: i)
            state.form = form
            state.notice = .error(AdminStrings.fixFields)
            return []
        }
        func positive(_ i: Int) -> Int? { Int(form.text(i)).flatMap { $0 > 0 ? $0 : nil } }
        func write(_ w: AdminWrite) -> [Effect] {
            state.busy = true
            return [.admin(.write(w, by: op))]
        }
        switch form.kind {
        case .addUser:
            guard !form.text(0).isEmpty else { return fail(0, AdminStrings.required) }
            guard !form.text(1).isEmpty else { return fail(1, AdminStrings.required) }
            guard let role = Role(rawValue: form.text(2).lowercased()) else { return fail(2, AdminStrings.roleChoices) }
            guard !form.form.fields[3].text.isEmpty else { return fail(3, AdminStrings.required) }
            let pin = form.text(4)
            guard pin.isEmpty || (4...8).contains(pin.count) else { return fail(4, AdminStrings.pinDigits) }
            return write(.addUser(username: form.text(0), displayName: form.text(1), role: role,
                                  password: form.form.fields[3].text, pin: pin.isEmpty ? nil : pin))
        case .changeRole(let username):
            guard let role = Role(rawValue: form.text(0).lowercased()) else { return fail(0, AdminStrings.roleChoices) }
            return write(.changeRole(username, role))
        case .resetSecret(let username):
            let password = form.form.fields[0].text, pin = form.text(1)
            guard !password.isEmpty || !pin.isEmpty else { return fail(0, AdminStrings.passwordOrPIN) }
            guard pin.isEmpty || (4...8).contains(pin.count) else { return fail(1, AdminStrings.pinDigits) }
            return write(.resetSecret(username, password: password.isEmpty ? nil : password, pin: pin.isEmpty ? nil : pin))
        case .addLocation, .editLocation:
            var location = Location(name: form.text(0), address: form.text(1), timeZoneID: form.text(2),
                                    lightspeedShopID: form.text(3))
            if case .editLocation(let id) = form.kind, let old = state.data?.locations.first(where: { $0.id == id }) {
                location.id = old.id
                location.active = old.active
            }
            // Core's rules, so the field at fault is marked; the store checks again.
            do throws(LocationRefusal) {
                location = try LocationRules.validated(location)
            } catch {
                switch error {
                case .nameRequired: return fail(0, AdminStrings.required)
                case .unknownTimeZone: return fail(2, error.description)
                default: return fail(3, error.description)
                }
            }
            return write(location.id == 0 ? .addLocation(location) : .updateLocation(location))
        case .addProgram, .editProgram:
            guard !form.text(0).isEmpty else { return fail(0, AdminStrings.required) }
            guard let n = positive(2) else { return fail(2, AdminStrings.wholeNumber) }
            var window: Int?
            if !form.text(4).isEmpty {
                guard let w = positive(4) else { return fail(4, AdminStrings.wholeNumber) }
                window = w
            }
            if case .editProgram(let id) = form.kind, var program = state.program(id)?.program {
                program.name = form.text(0)
                program.manufacturer = form.text(1)
                program.punchesRequired = n
                program.rewardRule = form.text(3)
                program.completionWindowMonths = window
                program.scope = chosenScope(form, locations: state.data?.locations ?? [], current: program.scope)
                return write(.updateProgram(program))
            }
            return write(.addProgram(Program(name: form.text(0), manufacturer: form.text(1), punchesRequired: n,
                                             rewardRule: form.text(3), completionWindowMonths: window,
                                             scope: chosenScope(form, locations: state.data?.locations ?? [],
                                                                current: .chain))))
        case .addItem, .changeItem:
            var programID: Int64 = 0
            if case .addItem(let id) = form.kind { programID = id }
            if case .changeItem(let asked) = form.kind { programID = asked.programID }
            let upc: UPC
            do { upc = try UPC.parse(form.text(0)) } catch { return fail(0, "\(error)") }
            guard !form.text(1).isEmpty else { return fail(1, AdminStrings.required) }
            let item = ProgramItem(programID: programID, upc: upc, description: form.text(1), size: form.text(2))
            // Every form of the UPC (12 or 13 digits) is one product: already in this program is a change,
            // asked for as old → new; in another program it is refused with that program's name.
            if let owner = state.data?.programs.first(where: { $0.items.contains { $0.upc == upc } }) {
                guard owner.program.id == programID else {
                    return fail(0, StoreError.upcInOtherProgram(upc: upc, program: owner.program.name).description)
                }
                let old = owner.items.first { $0.upc == upc }!
                let change = ProgramItemChange(old: old, new: item)
                guard change.changesSomething else { return fail(1, AdminStrings.itemUnchanged(upc)) }
                if case .changeItem(let asked) = form.kind, asked == item { return write(.changeItem(item)) }
                form.kind = .changeItem(item)
                form.title = AdminStrings.changeItemTitle(upc)
                form.note = AdminStrings.changeItemNote(change)
                form.refusal = nil
                state.form = form
                state.notice = StatusMessage(AdminStrings.changeItemNote(change))
                return []
            }
            return write(.addItem(item))
        case .importItems(let programID):
            guard !form.text(0).isEmpty else { return fail(0, AdminStrings.required) }
            state.busy = true
            return [.admin(.importItems(programID: programID, path: form.text(0), by: op))]
        case .pointsRule:
            guard let points = Int(form.text(0)), points >= 0, var settings = state.data?.settings else {
                return fail(0, AdminStrings.wholeNumber)
            }
            settings.pointsRule = PointsRule(points: points, unitCents: 100)
            return write(.updateSettings(settings))
        case .addReward:
            guard !form.text(0).isEmpty else { return fail(0, AdminStrings.required) }
            guard let cost = positive(1) else { return fail(1, AdminStrings.wholeNumber) }
            return write(.setReward(name: form.text(0), cost: cost, active: true))
        case .changeRewardCost(let name):
            guard let cost = positive(0) else { return fail(0, AdminStrings.wholeNumber) }
            let active = state.data?.rewards.first { $0.name == name }?.active ?? true
            return write(.setReward(name: name, cost: cost, active: active))
        case .reportRange:
            guard let from = LocalDate(iso: form.text(0)) else { return fail(0, AdminStrings.notADate) }
            guard let through = LocalDate(iso: form.text(1)) else { return fail(1, AdminStrings.notADate) }
            guard from <= through else { return fail(1, AdminStrings.rangeBackwards) }
            state.from = from
            state.through = through
            state.form = nil
            return AdminFeature.runReport(&state, session: session)
        case .exportReport:
            guard !form.text(0).isEmpty else { return fail(0, AdminStrings.required) }
            guard let table = state.table else { return fail(0, AdminStrings.runReportFirst) }
            state.busy = true
            return [.admin(.export(table, path: form.text(0)))]
        }
    }
}
