import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The checkout screen's dialogs, drawn over it: the card view with every punch, the pickers (free
/// item, today's punch to undo, points reward), the split list, the forms (exception, paper card,
/// note, removal reason, manager override) and the confirmations. Their keys come from the keymap.
enum CheckoutDialogs {
    static func draw(_ s: CheckoutState, into buffer: inout ScreenBuffer, in area: Rect) {
        guard let modal = s.modal, let data = s.data else { return }
        let actions = Keymaps.checkout(s).barItems.filter { $0.key != "?" && $0.key != "F1" }
        let scanCursor = buffer.cursor
        switch modal {
        case .cardDetail(let cardID, let list):
            guard let card = data.card(cardID) else { return }
            // Removing a punch is why D opens this view: its key follows the selection's, so 80 columns show it.
            let first = actions.filter { $0.key == "↑/↓" || $0.key == "Del" }
            cardView(card, list, first + actions.filter { !first.contains($0) }, timeZoneID: data.timeZoneID,
                     into: &buffer, in: area)
        case .redeemPick(let cardID, let list):
            guard let card = data.card(cardID) else { return }
            let items = data.program(card.program.id)?.items ?? []
            // What was bought on this card, per item: reward rules are often "same size free".
            let bought = Dictionary(card.counting.compactMap { $0.upc.map { ($0, 1) } }, uniquingKeysWith: +)
            listDialog(title: CheckoutUIStrings.redeemPickTitle,
                       intro: CheckoutUIStrings.redeemPickIntro(card.program.rewardRule),
                       columns: [TableColumn(CheckoutUIStrings.columnItem, width: .fill),
                                 TableColumn("", width: .fixed(8)), TableColumn(CheckoutUIStrings.columnUPC, width: .fixed(14)),
                                 TableColumn(CheckoutUIStrings.columnOnCard, width: .fixed(10))],
                       rows: items.map { item in
                           let n = bought[item.upc] ?? 0
                           return TableRow([StyledText(item.description), StyledText(item.size),
                                            StyledText(item.upc.display),
                                            StyledText(CheckoutUIStrings.onCard(n), style: n > 0 ? .emphasis : .dim)])
                       },
                       list: list, footer: nil, actions: actions, into: &buffer, in: area)
        case .undoPick(let list):
            let programOf = Dictionary(data.allCards.map { ($0.id, $0.program.name) }, uniquingKeysWith: { a, _ in a })
            // When and which UPC: two units of one item are told apart by their time.
            listDialog(title: CheckoutUIStrings.undoPickTitle, intro: nil,
                       columns: [TableColumn(CheckoutUIStrings.columnTime, width: .fixed(5)),
                                 TableColumn(CheckoutUIStrings.columnItem, width: .flex(3)),
                                 TableColumn(CheckoutUIStrings.columnUPC, width: .fixed(14)),
                                 TableColumn(CheckoutUIStrings.columnProgram, width: .flex(2)),
                                 TableColumn(CheckoutUIStrings.columnSource, width: .fixed(9)),
                                 TableColumn(CheckoutUIStrings.columnBy, width: .fixed(9))],
                       // One row per scan: a `3*` scan's units are undone together.
                       rows: s.todaysScans.compactMap { scan in
                           scan.first.map {
                               TableRow([Formatting.clock($0.recordedAt, zone: data.timeZoneID),
                                         (scan.count > 1 ? "\(scan.count) × " : "") + $0.itemDescription,
                                         $0.upc?.display ?? "", programOf[$0.cardID] ?? "", $0.source.rawValue,
                                         $0.recordedBy])
                           }
                       },
                       list: list, footer: nil, actions: actions, into: &buffer, in: area)
        case .split(let cardID, let marked, let list):
            guard let card = data.card(cardID) else { return }
            listDialog(title: CheckoutUIStrings.splitTitle + ": " + card.program.name + " " + card.status.progress,
                       intro: CheckoutUIStrings.splitIntro,
                       columns: [TableColumn("", width: .fixed(3)), TableColumn(CheckoutUIStrings.columnDate, width: .fixed(10)),
                                 TableColumn(CheckoutUIStrings.columnItem, width: .fill),
                                 TableColumn(CheckoutUIStrings.columnSource, width: .fixed(9))],
                       rows: card.counting.map { punch in
                           TableRow([StyledText(marked.contains(punch.id) ? "[x]" : "[ ]",
                                                style: marked.contains(punch.id) ? .success : .normal),
                                     StyledText(punch.purchaseDate.iso), StyledText(punch.itemDescription),
                                     StyledText(punch.source.rawValue, style: PunchCardView.mark(punch.source).style)])
                       },
                       list: list, footer: CheckoutUIStrings.splitMarked(marked.count), actions: actions,
                       into: &buffer, in: area)
        case .pointsPick(let list):
            listDialog(title: CheckoutUIStrings.pointsPickTitle,
                       intro: CheckoutUIStrings.pointsBalance(data.detail.pointsBalance),
                       columns: [TableColumn(CheckoutUIStrings.columnItem, width: .fill),
                                 TableColumn("", width: .fixed(12), alignment: .right)],
                       rows: data.pointsRewards.map { TableRow([$0.name, CheckoutUIStrings.pointsCost($0.cost)]) },
                       list: list, footer: nil, actions: actions, into: &buffer, in: area)
        case .exception(let form, _):
            formDialog(title: CheckoutUIStrings.exceptionTitle, intro: CheckoutUIStrings.exceptionManagerNote,
                       form: form, checking: false, actions: actions, into: &buffer, in: area)
        case .paper(let form):
            formDialog(title: CheckoutUIStrings.paperTitle, intro: CheckoutUIStrings.paperNote, form: form,
                       checking: false, actions: actions, into: &buffer, in: area)
        case .note(let form, _):
            formDialog(title: CheckoutUIStrings.noteTitle, intro: nil, form: form, checking: false, actions: actions,
                       into: &buffer, in: area)
        case .removeReason(let form, let punchID):
            // Which punch, and what removing it does to its card, above the reason.
            let card = data.allCards.first { $0.detail.punches.contains { $0.id == punchID } }
            let intro = card.flatMap { card in
                card.detail.punches.first { $0.id == punchID }.map { punch in
                    ManagerUIStrings.removing(punch, punchesRequired: card.program.punchesRequired,
                                              change: try? CardRules.removePunch(punch, from: card.status, reason: "-"))
                }
            }
            formDialog(title: CheckoutUIStrings.removeTitle, intro: intro, form: form, checking: false, actions: actions,
                       into: &buffer, in: area)
        case .override(let form, let pending, let checking):
            formDialog(title: CheckoutUIStrings.overrideTitle + ": " + pending.title,
                       intro: CheckoutUIStrings.overrideIntro, form: form, checking: checking, actions: actions,
                       into: &buffer, in: area)
        case .confirm(let pending):
            ModalDialog(title: pending.title, body: pending.lines.map { StyledText($0) }, actions: actions, maxWidth: 76)
                .draw(into: &buffer, in: area)
        case .unknownUPC(let upc, _):
            ModalDialog(title: CheckoutUIStrings.unknownTitle, message: CheckoutUIStrings.unknownBody(upc.display),
                        actions: actions).draw(into: &buffer, in: area)
        case .confirmLeave:
            ModalDialog(title: CheckoutUIStrings.leaveTitle, message: CheckoutUIStrings.leaveBody, actions: actions)
                .draw(into: &buffer, in: area)
        case .claimChecking:
            ModalDialog(title: CheckoutStrings.confirmRedeemTitle, message: CheckoutStrings.checkingClaim, actions: actions)
                .draw(into: &buffer, in: area)
        case .claimDetails(let form, _):
            formDialog(title: CheckoutStrings.claimDetailsTitle, intro: CheckoutStrings.claimDetailsIntro, form: form,
                       checking: false, actions: actions, into: &buffer, in: area)
        case .claimRefused(_, let preview):
            ModalDialog(title: CheckoutStrings.claimRefusedTitle,
                        body: CheckoutStrings.claimRefusal(preview).map { StyledText($0) }, actions: actions, maxWidth: 76)
                .draw(into: &buffer, in: area)
        case .heldScans:
            ModalDialog(title: CheckoutStrings.heldTitle(s.held.count),
                        body: CheckoutStrings.heldLines(s.held, data: data).map { StyledText($0) }, actions: actions,
                        maxWidth: 76).draw(into: &buffer, in: area)
        }
        // Outside the forms, typed digits still go to the scan field: keep its cursor.
        if !s.modalTakesTyping { buffer.cursor = scanCursor }
    }

    /// A boxed dialog of `width`×`height` centred in `area`; returns the inside and the actions row.
    static func frame(title: String, width: Int, height: Int, actions: [HelpItem],
                      into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
        let rect = area.centered(width: min(width, area.width), height: min(height, area.height))
        buffer.fill(rect, style: .modal)
        let inside = buffer.box(rect, style: .border, title: title, titleStyle: .modalTitle).inset(left: 1, right: 1)
        guard !actions.isEmpty, inside.height >= 2 else { return inside }
        let (body, actionRow) = inside.splitBottom(1)
        var spans: [StyledText] = []
        for (i, action) in actions.enumerated() {
            if i > 0 { spans.append(StyledText("  ", style: .modal)) }
            spans.append(StyledText("[\(action.key)]", style: .helpKey))
            spans.append(StyledText(" " + action.description, style: .modal))
        }
        buffer.draw(spans: spans, in: actionRow)
        return body
    }

    static func listDialog(title: String, intro: String?, columns: [TableColumn], rows: [TableRow],
                           list: ListSelection, footer: String?, actions: [HelpItem],
                           into buffer: inout ScreenBuffer, in area: Rect) {
        let extra = (intro == nil ? 0 : 1) + (footer == nil ? 0 : 1)
        let height = rows.count + extra + 5
        let body = frame(title: title, width: 90, height: height, actions: actions, into: &buffer, in: area)
        var rest = body
        if let intro {
            let (row, r) = rest.splitTop(1)
            buffer.draw(intro, in: row, style: .modal)
            rest = r
        }
        if let footer {
            let (r, row) = rest.splitBottom(1)
            buffer.draw(footer, in: row, style: .dim)
            rest = r
        }
        TableView(columns: columns, rows: rows, selection: list, headerStyle: .label).draw(into: &buffer, in: rest)
    }

    /// The card's punches, oldest first: purchase date, UPC, item, source in its colour, who recorded it and
    /// the Lightspeed sale; removed ones struck through, the selected one's who/when/why (store time) below.
    static func cardView(_ card: CheckoutCard, _ list: ListSelection, _ actions: [HelpItem], timeZoneID: String,
                         into buffer: inout ScreenBuffer, in area: Rect) {
        let punches = card.detail.punches
        let removed = punches.count { !$0.counts }
        let title = CheckoutUIStrings.cardViewTitle(card.program.name, card.status.progress)
            + (removed == 0 ? "" : ManagerUIStrings.removedCount(removed))
        let body = frame(title: title, width: 110, height: punches.count + 7, actions: actions, into: &buffer, in: area)
        let (cardRow, rest) = body.splitTop(1)
        PunchCardView(punches: punches, punchesRequired: card.program.punchesRequired)
            .draw(into: &buffer, in: cardRow, background: .modal)
        let (table, detailRow) = rest.splitBottom(1)
        let rows = punches.map { punch -> TableRow in
            let style = punch.counts ? PunchCardView.mark(punch.source).style : .removed
            func text(_ t: String) -> StyledText { StyledText(punch.counts ? t : Strike.through(t), style: punch.counts ? .normal : .removed) }
            return TableRow([text(punch.purchaseDate.iso), text(punch.upc?.display ?? "–"), text(punch.itemDescription),
                             StyledText(punch.source.rawValue, style: style), text(punch.recordedBy),
                             text(punch.saleID ?? "")])
        }
        TableView(columns: [TableColumn(CheckoutUIStrings.columnDate, width: .fixed(10)),
                            TableColumn(CheckoutUIStrings.columnUPC, width: .fixed(12)),
                            TableColumn(CheckoutUIStrings.columnItem, width: .fill),
                            TableColumn(CheckoutUIStrings.columnSource, width: .fixed(9)),
                            TableColumn(CheckoutUIStrings.columnBy, width: .fixed(9)),
                            TableColumn(ManagerUIStrings.columnSale, width: .fixed(8))],
                  rows: rows, selection: list, headerStyle: .label).draw(into: &buffer, in: table)
        if let i = list.index, punches.indices.contains(i) {
            let punch = punches[i]
            var detail: [String] = []
            if let removal = punch.removal {
                detail.append(ManagerUIStrings.removed(by: removal.removedBy, reason: removal.reason,
                                                       at: ManagerAuditLogScreen.timestamp(removal.removedAt, zone: timeZoneID)))
            }
            if let reason = punch.exceptionReason { detail.append(reason) }
            if let sale = punch.saleID { detail.append("sale \(sale)" + (punch.saleLineID.map { ", line \($0)" } ?? "")) }
            if !card.card.note.isEmpty { detail.append(card.card.note) }
            buffer.draw(detail.joined(separator: "  ·  "), in: detailRow, style: punch.counts ? .dim : .removed)
        }
    }

    static func formDialog(title: String, intro: String?, form: CheckoutForm, checking: Bool, actions: [HelpItem],
                           into buffer: inout ScreenBuffer, in area: Rect) {
        let shown = form.visibleIndexes
        // The intro and the refusal are wrapped whole and the dialog grows to hold them: a sentence cut
        // in the middle is worse than a taller box.
        let textWidth = min(72, area.width) - 4
        let introLines = intro.map { TextWrap.lines($0, width: textWidth) } ?? []
        let message = checking ? [CheckoutUIStrings.checkingPIN] : form.error.map { TextWrap.lines($0, width: textWidth) } ?? []
        let height = shown.count + introLines.count + max(1, message.count) + 3
        let body = frame(title: title, width: 72, height: height, actions: actions, into: &buffer, in: area)
        var rest = body
        for line in introLines {
            let (row, r) = rest.splitTop(1)
            buffer.draw(line, in: row, style: .dim)
            rest = r
        }
        let labelWidth = min(16, (form.fields.map { TextWidth.width(of: $0.label) }.max() ?? 0) + 2)
        var cursor: Point?
        for index in shown {
            let (row, r) = rest.splitTop(1)
            rest = r
            let field = form.fields[index]
            let focused = index == form.focus && !checking
            let (labelRect, valueRect) = row.splitLeft(labelWidth)
            buffer.draw(field.label, in: labelRect, style: .label)
            switch field.input {
            case .text(let text):
                TextFieldView(text, isFocused: focused).draw(into: &buffer, in: valueRect.splitLeft(min(valueRect.width, 44)).left)
                if focused { cursor = buffer.cursor }
            case .choice(let options, let selected):
                let value = options.indices.contains(selected) ? options[selected] : CheckoutUIStrings.chooseOne
                buffer.draw("◀ " + value + " ▶", in: valueRect.splitLeft(min(valueRect.width, 44)).left,
                            style: focused ? .fieldFocused : .field)
            }
        }
        let (_, messageRows) = rest.splitBottom(message.count)
        for (i, line) in message.enumerated() {
            buffer.draw(line, in: Rect(x: messageRows.x, y: messageRows.y + i, width: messageRows.width, height: 1),
                        style: checking ? .dim : .error)
        }
        buffer.cursor = cursor
    }
}
