import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// "Changed in Lightspeed": the refunds and voids of recorded sales waiting for a manager — date, customer,
/// what happened, what applying would change — and, on Enter, one change whole: every unit's punch with its
/// card and what happens to it (removed, already handled, kept on a redeemed card) and the points.
public enum ChangesScreen {
    public static func render(_ s: ChangesState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 4 else { return }
        var y = inner.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < inner.y + inner.height else { return }
            for part in TextWrap.lines(text, width: max(10, inner.width)) where y < inner.y + inner.height {
                buffer.draw(part, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
                y += 1
            }
        }
        line(ChangesStrings.title, .title)
        guard let data = s.data else {
            line(s.busy ? AdminStrings.working : "", .dim)
            return
        }
        let calendar = data.calendar
        buffer.cursor = nil
        if let reviewing = s.reviewing, let change = data.changes.first(where: { $0.id == reviewing }) {
            review(change, calendar: calendar, line: line)
        } else {
            line(data.changes.isEmpty ? ChangesStrings.empty : ChangesStrings.toReview(data.changes.count), .dim)
            y += 1
            let table = Rect(x: inner.x, y: y, width: inner.width, height: max(2, inner.y + inner.height - y))
            let rows = data.changes.map { c in
                TableRow([StyledText(String(c.id)), StyledText(calendar.localDate(of: c.happenedAt).iso),
                          StyledText(c.customerName), StyledText(ChangesStrings.whatShort(c)),
                          StyledText(ChangesStrings.effect(c.plan, short: true), style: c.plan.nothingLeft ? .dim : .normal)])
            }
            // The date, the sale and what it would change are read whole; a long name gives way. The sale column
            // is as wide as its longest entry (Lightspeed's IDs grow), within reason.
            let saleWidth = min(26, max(4, data.changes.map { ChangesStrings.whatShort($0).count }.max() ?? 4))
            TableView(columns: [TableColumn("#", width: .fixed(3)), TableColumn("Date", width: .fixed(10)),
                                TableColumn("Customer", width: .flex(1)), TableColumn("Sale", width: .fixed(saleWidth)),
                                TableColumn("Would change", width: .flex(2))],
                      rows: rows, selection: s.selection, emptyText: "").draw(into: &buffer, in: table)
        }
        if let ask = s.ask { question(ask, s, into: &buffer, in: area) }
    }

    static func review(_ c: LightspeedChangeRecord, calendar: StoreCalendar, line: (String, Style) -> Void) {
        line("\(ChangesStrings.what(c)) — \(c.customerName)", .normal)
        line("\(ChangesStrings.kindWord(c.kind)) in Lightspeed \(calendar.timestamp(of: c.happenedAt)), "
             + "found \(calendar.timestamp(of: c.foundAt))", .dim)
        for refunded in c.lines {
            line("  returned: \(refunded.units) × \(refunded.description.isEmpty ? "item" : refunded.description) "
                 + "(line \(refunded.parentSaleLineID))", .dim)
        }
        line("", .normal)
        if c.plan.units.isEmpty { line("No punch: the returned items earned none here.", .dim) }
        for unit in c.plan.units {
            let style: Style
            switch unit.effect {
            case .remove: style = .normal
            case .alreadyRemoved: style = .dim
            case .keptCardRedeemed: style = .reward
            }
            line("• " + ChangesStrings.unit(unit, calendar: calendar), style)
        }
        line(ChangesStrings.points(c), .normal)
        line("", .normal)
        line(c.plan.nothingLeft ? "Already handled: A closes it without changing anything."
             : "A applies it (one step, audited); D dismisses it with a reason.", .dim)
    }

    static func question(_ ask: ChangesAsk, _ s: ChangesState, into buffer: inout ScreenBuffer, in area: Rect) {
        let change = s.changes.first {
            switch ask {
            case .confirmApply(let id), .dismissReason(let id): $0.id == id
            }
        }
        if !ask.takesText {
            buffer.cursor = nil
            ModalDialog(title: ChangesStrings.title, message: ChangesStrings.question(ask, change),
                        actions: [HelpItem(key: "Y", description: "Apply"), HelpItem(key: "N", description: "Cancel")])
                .draw(into: &buffer, in: area)
            return
        }
        let actions = [HelpItem(key: "Enter", description: "Dismiss"), HelpItem(key: "Esc", description: "Cancel")]
        let body = CheckoutDialogs.frame(title: ChangesStrings.title, width: 76, height: 7, actions: actions,
                                         into: &buffer, in: area)
        let (text, rest) = body.inset(top: 1).splitTop(1)
        buffer.draw(ChangesStrings.question(ask, change), in: text, style: .modal)
        TextFieldView(s.field, isFocused: true).draw(into: &buffer, in: rest.inset(top: 1).splitTop(1).top)
    }
}
