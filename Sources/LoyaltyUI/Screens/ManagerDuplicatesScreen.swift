import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Likely duplicates (manager): ranked pairs of customers sharing a phone, an email or a name; Enter opens
/// the combine preview of the selected pair.
public enum ManagerDuplicatesScreen {
    public static func render(_ state: DuplicatesState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let rows = inner.rows([.fixed(1), .fixed(1), .fill, .fixed(1)])
        buffer.draw(ManagerUIStrings.duplicatesTitle, in: rows[0], style: .title)
        buffer.draw(state.isLoading ? ManagerUIStrings.loading : Counting.of(state.pairs.count, "pair"),
                    in: rows[0].splitRight(20).right, style: .dim, alignment: .right, pad: false)
        let table = TableView(columns: [
            TableColumn(ManagerUIStrings.columnFirst, width: .flex(2)),
            TableColumn(ManagerUIStrings.columnSecond, width: .flex(2)),
            TableColumn(ManagerUIStrings.columnWhy, width: .fixed(24)),
        ], rows: state.pairs.map(row), selection: state.selection,
            emptyText: state.isLoading ? ManagerUIStrings.loading : ManagerUIStrings.noPairs,
            showsScrollIndicators: true)
        table.draw(into: &buffer, in: rows[2])
        if let error = state.error { buffer.draw(error, in: rows[3], style: .error) }
    }

    static func row(_ pair: DuplicatePair) -> TableRow {
        TableRow([
            StyledText(describe(pair.first)),
            StyledText(describe(pair.second)),
            StyledText(ManagerUIStrings.reasons(pair.reasons.map(reason)), style: .warning),
        ])
    }

    static func describe(_ c: CustomerSummary) -> String {
        "#\(c.id) \(c.fullName)"
    }

    static func reason(_ r: DuplicateCandidate.Reason) -> String {
        switch r {
        case .samePhone: ManagerUIStrings.samePhone
        case .sameEmail: ManagerUIStrings.sameEmail
        case .sameName: ManagerUIStrings.sameName
        case .similarName: ManagerUIStrings.similarName
        }
    }
}
