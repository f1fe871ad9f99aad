import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The admin and manager screens: the menu, users, programs and a program's UPCs, points settings and
/// reports, each a title, a table and a line of context; an open form is drawn over the screen, and a
/// refused CSV import lists its bad lines under the table.
public enum AdminScreens {
    public static func render(_ state: AdminState, screen: AdminScreen, role: Role?,
                              into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let (titleRow, rest) = inner.splitTop(2)
        let errorsHeight = state.importErrors.isEmpty ? 0 : min(2 * state.importErrors.count + 1, max(0, rest.height / 2))
        let (body, errorsArea) = rest.splitBottom(errorsHeight)
        switch screen {
        case .menu: menu(state, role: role, titleRow, body, &buffer)
        case .users: users(state, titleRow, body, &buffer)
        case .programs: programs(state, titleRow, body, &buffer)
        case .programItems(let id): items(state, id, titleRow, body, &buffer)
        case .points: points(state, titleRow, body, &buffer)
        case .reports: reports(state, titleRow, body, &buffer)
        case .locations: locations(state, titleRow, body, &buffer)
        case .lightspeed: break  // drawn by LightspeedSetupScreen from LightspeedUIState
        case .claims: break  // drawn by ClaimsScreen from AppState.claims
        case .watcher: break  // drawn by the watcher's screens from AppState.watcherScreens
        case .changes: break  // drawn by ChangesScreen from AppState.changes
        }
        if !state.importErrors.isEmpty {
            var lines = [StyledText(AdminUIStrings.badLines, style: .error)]
            // Wrapped, so a long reason (the other program's name) is read whole.
            for error in state.importErrors {
                lines += TextWrap.lines(error.description, width: max(10, errorsArea.width - 4)).enumerated().map {
                    StyledText(($0.offset == 0 ? "  " : "    ") + $0.element, style: .error)
                }
            }
            for (i, line) in lines.prefix(errorsArea.height).enumerated() {
                buffer.draw(spans: [line], in: Rect(x: errorsArea.x, y: errorsArea.y + i, width: errorsArea.width, height: 1))
            }
        }
        buffer.cursor = nil
        if let form = state.form { formDialog(form, into: &buffer, in: area) }
    }

    static func title(_ text: String, right: String = "", _ row: Rect, _ buffer: inout ScreenBuffer) {
        buffer.draw(text, in: row.splitTop(1).top, style: .title)
        if !right.isEmpty {
            buffer.draw(right, in: row.splitTop(1).top.splitRight(min(44, row.width / 2 + 4)).right, style: .dim, alignment: .right, pad: false)
        }
    }

    static func menu(_ s: AdminState, role: Role?, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        title(AdminStrings.menuTitle, titleRow, &buffer)
        let entries = role.map(AdminFeature.menu(for:)) ?? []
        let (list, note) = body.splitTop(max(1, entries.count))
        TableView.list(entries.map { TableRow([$0.title]) }, selection: s.menuSelection,
                       emptyText: AdminUIStrings.nothingForRole).draw(into: &buffer, in: list)
        if let role, !AdminStrings.signInForRest(role).isEmpty {
            buffer.draw(AdminStrings.signInForRest(role), in: note.inset(top: 1).splitTop(1).top, style: .dim)
        }
    }

    static func users(_ s: AdminState, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        title(AdminStrings.usersTitle, titleRow, &buffer)
        let zone = s.data?.settings.timeZoneID ?? "UTC"
        let rows = (s.data?.users ?? []).map { u in
            // A lock shows first: it is why a user cannot sign in even with the right secret.
            let status = u.lockedUntil.map { AdminUIStrings.lockedUntil($0, zone: zone) }
                ?? (u.disabled ? AdminUIStrings.disabled : AdminUIStrings.enabled)
            return TableRow([StyledText(u.username), StyledText(u.displayName), StyledText(u.role.rawValue),
                             StyledText(status, style: u.lockedUntil != nil ? .warning : .normal)],
                            style: u.disabled ? .dim : .normal)
        }
        TableView(columns: [TableColumn(AdminUIStrings.colUsername, width: .fixed(16)),
                            TableColumn(AdminUIStrings.colName, width: .fill),
                            TableColumn(AdminUIStrings.colRole, width: .fixed(8)),
                            TableColumn(AdminUIStrings.colStatus, width: .fixed(18))],
                  rows: rows, selection: s.userSelection, emptyText: AdminUIStrings.loading).draw(into: &buffer, in: body)
    }

    /// The chain's locations, oldest first: the first active one is the default (a counter without a setting).
    static func locations(_ s: AdminState, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        title(AdminStrings.locationsTitle, titleRow, &buffer)
        let locations = s.data?.locations ?? []
        let defaultID = locations.filter(\.active).map(\.id).min()
        let rows = locations.map { l in
            let status = !l.active ? AdminUIStrings.disabled
                : l.id == defaultID ? AdminUIStrings.enabled + ", " + AdminUIStrings.defaultLocation : AdminUIStrings.enabled
            return TableRow([StyledText(l.name), StyledText(l.timeZoneID), StyledText(l.lightspeedShopID ?? "–"),
                             StyledText(l.address), StyledText(status)], style: l.active ? .normal : .dim)
        }
        TableView(columns: [TableColumn(AdminUIStrings.colName, width: .flex(2)),
                            TableColumn(AdminUIStrings.colTimeZone, width: .fixed(20)),
                            TableColumn(AdminUIStrings.colShop, width: .fixed(15)),
                            TableColumn(AdminUIStrings.colAddress, width: .fill),
                            TableColumn(AdminUIStrings.colStatus, width: .fixed(15))],
                  rows: rows, selection: s.locationSelection,
                  emptyText: s.data == nil ? AdminUIStrings.loading : AdminUIStrings.noLocations).draw(into: &buffer, in: body)
    }

    static func programs(_ s: AdminState, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        title(AdminStrings.programsTitle, titleRow, &buffer)
        let rows = (s.data?.programs ?? []).map { p in
            // A program of one location says so; a chain-wide one (every program of a one-location store) does not.
            TableRow([p.program.name + (p.program.scope == .chain ? "" : AdminUIStrings.onlyAt(p.program.scope.label)),
                      p.program.manufacturer, String(p.program.punchesRequired),
                      p.program.completionWindowMonths.map { "\($0) mo" } ?? "", String(p.items.count),
                      p.program.active ? AdminUIStrings.enabled : AdminUIStrings.inactive,
                      p.program.rewardRule], style: p.program.active ? .normal : .dim)
        }
        TableView(columns: [TableColumn(AdminUIStrings.colProgram, width: .flex(3)),
                            TableColumn(AdminUIStrings.colManufacturer, width: .flex(2)),
                            TableColumn("N", width: .fixed(3), alignment: .right),
                            TableColumn(AdminUIStrings.colWindow, width: .fixed(6)),
                            TableColumn(AdminUIStrings.colUPCs, width: .fixed(4), alignment: .right),
                            TableColumn(AdminUIStrings.colStatus, width: .fixed(8)),
                            TableColumn(AdminUIStrings.colRule, width: .flex(3))],
                  rows: rows, selection: s.programSelection, emptyText: AdminUIStrings.noPrograms)
            .draw(into: &buffer, in: body)
    }

    static func items(_ s: AdminState, _ id: Int64, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        let program = s.program(id)
        title(AdminUIStrings.itemsTitle(program?.program.name ?? ""),
              right: program.map { AdminUIStrings.buyN($0.program.punchesRequired) } ?? "", titleRow, &buffer)
        let rows = (program?.items ?? []).map { TableRow([$0.upc.display, $0.description, $0.size]) }
        TableView(columns: [TableColumn(AdminUIStrings.colUPC, width: .fixed(14)),
                            TableColumn(AdminUIStrings.colItem, width: .fill),
                            TableColumn(AdminUIStrings.colSize, width: .fixed(10))],
                  rows: rows, selection: s.itemSelection, emptyText: AdminUIStrings.noItems)
            .draw(into: &buffer, in: body)
    }

    static func points(_ s: AdminState, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        title(AdminStrings.pointsTitle, titleRow, &buffer)
        guard let data = s.data else { return }
        let (info, table) = body.splitTop(3)
        buffer.draw(spans: [StyledText(AdminUIStrings.pointsLabel, style: .label),
                            StyledText(data.settings.pointsEnabled ? AdminUIStrings.on : AdminUIStrings.off,
                                       style: data.settings.pointsEnabled ? .success : .warning)],
                    in: info.splitTop(1).top)
        buffer.draw(spans: [StyledText(AdminUIStrings.earnLabel, style: .label),
                            StyledText(AdminUIStrings.earnRule(data.settings.pointsRule))],
                    in: info.inset(top: 1).splitTop(1).top)
        let rows = data.rewards.map { r in
            TableRow([r.name, String(r.cost), r.active ? AdminUIStrings.offered : AdminUIStrings.inactive],
                     style: r.active ? .normal : .dim)
        }
        TableView(columns: [TableColumn(AdminUIStrings.colReward, width: .fill),
                            TableColumn(AdminUIStrings.colCost, width: .fixed(8), alignment: .right),
                            TableColumn(AdminUIStrings.colStatus, width: .fixed(10))],
                  rows: rows, selection: s.rewardSelection, emptyText: AdminUIStrings.noRewards)
            .draw(into: &buffer, in: table)
    }

    static func reports(_ s: AdminState, _ titleRow: Rect, _ body: Rect, _ buffer: inout ScreenBuffer) {
        let range = s.report == .nearComplete ? AdminStrings.within(s.nearWithin) + "  ←/→"
            : "\(s.from?.iso ?? "…") – \(s.through?.iso ?? "…")"
        title(AdminStrings.reportTitle(s.report), right: range, titleRow, &buffer)
        let (tabs, table) = body.splitTop(2)
        var spans: [StyledText] = []
        for (i, kind) in ReportKind.allCases.enumerated() {
            if i > 0 { spans.append(StyledText(" ")) }
            spans.append(StyledText(" \(i + 1) " + AdminStrings.reportTab(kind) + " ",
                                    style: kind == s.report ? .selection : .dim))
        }
        buffer.draw(spans: spans, in: tabs.splitTop(1).top)
        guard let t = s.table else {
            buffer.draw(s.busy ? AdminStrings.working : "", in: table.splitTop(1).top, style: .dim)
            return
        }
        let columns = t.columns.enumerated().map { i, name in
            TableColumn(name, width: i == 0 || (s.report == .redemptions && i == 1) ? .flex(2) : .fill,
                        alignment: i == 0 || t.rows.first.map { Int($0[i]) == nil } ?? true ? .left : .right)
        }
        TableView(columns: columns, rows: t.rows.map { TableRow($0) }, selection: s.tableSelection,
                  emptyText: AdminUIStrings.noRows).draw(into: &buffer, in: table)
    }

    static func formDialog(_ form: AdminForm, into buffer: inout ScreenBuffer, in area: Rect) {
        let actions = [HelpItem(key: "Enter", description: AdminUIStrings.keyNextOrSave),
                       HelpItem(key: "Tab", description: AdminUIStrings.keyNextField),
                       HelpItem(key: "Esc", description: AdminUIStrings.keyCancel)]
        let view = FormView(form.form)
        // The store's rules (dim) and its last refusal (red) under the fields, wrapped to the dialog.
        let width = min(72, area.width) - 4
        let notes = (form.note.map { TextWrap.lines($0, width: width).map { StyledText($0, style: .dim) } } ?? [])
            + (form.refusal.map { TextWrap.lines($0, width: width).map { StyledText($0, style: .error) } } ?? [])
        let extra = notes.isEmpty ? 0 : notes.count + 1
        let body = CheckoutDialogs.frame(title: form.title, width: 72, height: view.height + 4 + extra, actions: actions,
                                         into: &buffer, in: area)
        let (fields, below) = body.inset(top: 1).splitTop(view.height)
        view.draw(into: &buffer, in: fields)
        for (i, line) in notes.prefix(max(0, below.height - 1)).enumerated() {
            buffer.draw(spans: [line], in: Rect(x: below.x, y: below.y + 1 + i, width: below.width, height: 1))
        }
    }
}
