import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The manager's claims screen: money owed by distributor and age at the top (claims near their deadline
/// counted in red), the view tabs, the claims of the view (a flagged claim's row in red), the selected claim's
/// check and history line, and the open question (a folder, a memo file, a note, or submit Y/N). The table is
/// laid out for the terminal's width (`ClaimsTableLayout`).
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
            line([StyledText(ClaimsStrings.owedLine(distributor.isEmpty ? ClaimsStrings.noDistributor : distributor,
                                                    byDistributor[distributor] ?? []))])
        }
        if s.flaggedCount > 0 { line([StyledText(ClaimsStrings.flagged(s.flaggedCount), style: .error)]) }
        var tabs: [StyledText] = []
        for view in ClaimsView.allCases {
            let count = data.claims.filter { view.includes($0.state) }.count
            tabs.append(StyledText(" \(ClaimsStrings.viewName(view)) (\(count)) ", style: view == s.view ? .selection : .dim))
        }
        line(tabs)
        // Each claim's texts, one per `ClaimsTableLayout.Column`.
        let texts = s.visible.map { c in
            [String(c.id), c.redeemedOn.iso, c.proof.customer.name, c.proof.program, c.distributor,
             c.claimCents.map { Money.display(cents: $0) } ?? "?", c.state.words,
             c.deadlineFlag.map { "\($0.uppercased()) \(c.dueOn?.iso ?? "")" } ?? c.batchLabel ?? ""]
        }
        let layout = ClaimsTableLayout(width: inner.width, claims: texts)
        // The selected claim: its check, then what the table could not show whole and its history, wrapped.
        var details: [StyledText] = []
        if let c = s.selected, let i = s.selection.index {
            let check = c.proof.check.passed ? "all rules met" : c.proof.check.failures.map(\.description).joined(separator: " ")
            let extra = [c.proof.exceptionBy.map { "exception by \($0)" }, c.denialReason.map { "denied: \($0)" },
                         c.correctionNote.map { "corrected: \($0)" },
                         c.creditedCents.map { "credited \(Money.display(cents: $0))" }].compactMap { $0 }
            details.append(StyledText("Check: " + check, style: c.proof.check.passed ? .dim : .error))
            let about = (layout.dropped(texts[i]) + [c.proof.customer.postalAddress.isEmpty ? "no postal address"
                                                                                     : c.proof.customer.postalAddress]
                         + extra).joined(separator: " · ")
            details += TextWrap.lines(about, width: inner.width).prefix(2).map { StyledText($0, style: .dim) }
        }
        let detailRows = max(2, details.count)
        let refusedRows = s.refusedLines.isEmpty ? 0 : min(s.refusedLines.count + 1, 4)
        let tableHeight = max(2, inner.y + inner.height - y - detailRows - refusedRows)
        let table = Rect(x: inner.x, y: y, width: inner.width, height: tableHeight)
        let rows = zip(s.visible, texts).map { c, text -> TableRow in
            let style: Style = c.deadlineFlag != nil ? .error : .normal
            return TableRow(layout.cells(text).map { StyledText($0, style: style) })
        }
        TableView(columns: layout.columns, rows: rows, selection: s.selection, emptyText: "No claims in this view.")
            .draw(into: &buffer, in: table)
        y += tableHeight
        for detail in details { line([detail]) }
        y += detailRows - details.count
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
