import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit

/// The manager's claims screen: money owed by distributor and age at the top (claims near their deadline
/// counted in red), the view tabs, the claims of the view (a flagged claim's row in red), the selected claim's
/// check and history line, and the open question (a folder, a memo file, a note, or submit Y/N).
public enum ClaimsScreen {
    public static func render(_ s: ClaimsState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 6 else { return }
        var y = inner.y
        func line(_ spans: [StyledText]) {
            guard y < inner.y + inner.height else { return }
            buffer.draw(spans: spans, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            y += 1
        }
        line([StyledText(ClaimsStrings.title, style: .title)])
        guard let data = s.data else {
            line([StyledText(s.busy ? AdminStrings.working : "", style: .dim)])
            return
        }
        let byDistributor = Dictionary(grouping: data.owed, by: \.distributor)
        if byDistributor.isEmpty { line([StyledText("Nothing owed.", style: .dim)]) }
        for distributor in byDistributor.keys.sorted().prefix(3) {
            line([StyledText(ClaimsStrings.owedLine(distributor.isEmpty ? "(no distributor)" : distributor,
                                                    byDistributor[distributor] ?? []))])
        }
        if s.flaggedCount > 0 { line([StyledText(ClaimsStrings.flagged(s.flaggedCount), style: .error)]) }
        var tabs: [StyledText] = []
        for view in ClaimsView.allCases {
            let count = data.claims.filter { view.includes($0.state) }.count
            tabs.append(StyledText(" \(ClaimsStrings.viewName(view)) (\(count)) ", style: view == s.view ? .selection : .dim))
        }
        line(tabs)
        let detailRows = 2
        let refusedRows = s.refusedLines.isEmpty ? 0 : min(s.refusedLines.count + 1, 4)
        let tableHeight = max(2, inner.y + inner.height - y - detailRows - refusedRows)
        let table = Rect(x: inner.x, y: y, width: inner.width, height: tableHeight)
        let rows = s.visible.map { c -> TableRow in
            let style: Style = c.deadlineFlag != nil ? .error : .normal
            return TableRow([StyledText(String(c.id), style: style), StyledText(c.redeemedOn.iso, style: style),
                             StyledText(c.proof.customer.name, style: style), StyledText(c.proof.program, style: style),
                             StyledText(c.distributor, style: style),
                             StyledText(c.claimCents.map { Money.display(cents: $0) } ?? "?", style: style),
                             StyledText(c.state.words, style: style),
                             StyledText(c.deadlineFlag.map { "\($0.uppercased()) \(c.dueOn?.iso ?? "")" }
                                        ?? c.batchLabel ?? "", style: style)])
        }
        // The state and the batch or deadline are read whole; names and programs give way on narrow screens.
        TableView(columns: [TableColumn("#", width: .fixed(5)), TableColumn("Redeemed", width: .fixed(10)),
                            TableColumn("Customer", width: .flex(2)), TableColumn("Program", width: .flex(2)),
                            TableColumn("Distributor", width: .flex(1)),
                            TableColumn("Amount", width: .fixed(9), alignment: .right),
                            TableColumn("State", width: .fixed(15)), TableColumn("Batch / deadline", width: .fixed(19))],
                  rows: rows, selection: s.selection, emptyText: "No claims in this view.").draw(into: &buffer, in: table)
        y += tableHeight
        if let c = s.selected {
            let check = c.proof.check.passed ? "all rules met" : c.proof.check.failures.map(\.description).joined(separator: " ")
            let extra = [c.proof.exceptionBy.map { "exception by \($0)" }, c.denialReason.map { "denied: \($0)" },
                         c.correctionNote.map { "corrected: \($0)" },
                         c.creditedCents.map { "credited \(Money.display(cents: $0))" }].compactMap { $0 }
            line([StyledText("Check: " + check, style: c.proof.check.passed ? .dim : .error)])
            line([StyledText(([c.proof.customer.postalAddress.isEmpty ? "no postal address" : c.proof.customer.postalAddress]
                              + extra).joined(separator: " · "), style: .dim)])
        } else {
            y += detailRows
        }
        if !s.refusedLines.isEmpty {
            line([StyledText(AdminUIStrings.badLines, style: .error)])
            for error in s.refusedLines.prefix(3) { line([StyledText("  " + error.description, style: .error)]) }
        }
        buffer.cursor = nil
        if let ask = s.ask { question(ask, s.field, into: &buffer, in: area) }
    }

    static func question(_ ask: ClaimsAsk, _ field: TextFieldState, into buffer: inout ScreenBuffer, in area: Rect) {
        if !ask.takesText {
            ModalDialog(title: ClaimsStrings.title, message: ClaimsStrings.question(ask),
                        actions: [HelpItem(key: "Y", description: "Submit"), HelpItem(key: "N", description: "Cancel")])
                .draw(into: &buffer, in: area)
            return
        }
        let actions = [HelpItem(key: "Enter", description: "OK"), HelpItem(key: "Esc", description: "Cancel")]
        let body = CheckoutDialogs.frame(title: ClaimsStrings.title, width: 76, height: 7, actions: actions,
                                         into: &buffer, in: area)
        let (text, rest) = body.inset(top: 1).splitTop(1)
        buffer.draw(ClaimsStrings.question(ask), in: text, style: .modal)
        TextFieldView(field, isFocused: true).draw(into: &buffer, in: rest.inset(top: 1).splitTop(1).top)
    }
}
