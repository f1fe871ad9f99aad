import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Customer lookup: the title, the search field (always focused), and the matching customers in a table
/// that uses the terminal's width; "no match" quotes what was searched and offers to add.
public enum LookupScreen {
    public static func render(_ state: LookupState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let rows = inner.rows([.fixed(1), .fixed(1), .fixed(1), .fill, .fixed(1)])
        let (titleRow, searchRow, hintRow, tableArea, footerRow) = (rows[0], rows[1], rows[2], rows[3], rows[4])

        buffer.draw(UIStrings.lookupTitle, in: titleRow, style: .title)
        let count: String
        if state.isSearching {
            count = UIStrings.searching
        } else if state.resultsQuery.isEmpty {
            count = ""
        } else {
            // The store returns at most a page of the best matches: say when there may be more.
            count = UIStrings.resultCount(state.results.count,
                                          more: state.results.count >= CustomerSummary.searchPageSize)
        }
        buffer.draw(count, in: titleRow.splitRight(28).right, style: .dim, alignment: .right, pad: false)

        let label = UIStrings.searchLabel + ": "
        let (labelRect, fieldRect) = searchRow.splitLeft(TextWidth.width(of: label))
        buffer.draw(label, in: labelRect, style: .label)
        TextFieldView(state.query, isFocused: true, placeholder: UIStrings.searchPlaceholder)
            .draw(into: &buffer, in: fieldRect.splitLeft(min(fieldRect.width, 60)).left)

        if let error = state.error {
            buffer.draw(error, in: hintRow, style: .error)
        } else if state.searchText.isEmpty {
            buffer.draw(UIStrings.searchHint, in: hintRow, style: .dim)
        }

        let table = TableView(columns: columns(width: tableArea.width),
                              rows: state.results.map(row), selection: state.selection)
        table.draw(into: &buffer, in: tableArea)
        if state.isNoMatch {
            let body = tableArea.splitTop(1).rest
            buffer.draw(UIStrings.noMatch(state.resultsQuery), in: body.splitTop(1).top, style: .warning)
            buffer.draw(UIStrings.offerAdd, in: body.splitTop(2).top.splitBottom(1).bottom, style: .normal)
        }
        _ = footerRow
    }

    /// Name and email share what the fixed columns leave; wider terminals widen them.
    static func columns(width: Int) -> [TableColumn] {
        [
            TableColumn(UIStrings.columnName, width: .flex(3)),
            TableColumn(UIStrings.columnPhone, width: .fixed(14)),
            TableColumn(UIStrings.columnEmail, width: .flex(3)),
            TableColumn(UIStrings.columnOpen, width: .fixed(4), alignment: .right),
            TableColumn(UIStrings.columnReady, width: .fixed(5), alignment: .right),
            TableColumn(UIStrings.columnPoints, width: .fixed(6), alignment: .right),
        ]
    }

    static func row(_ customer: CustomerSummary) -> TableRow {
        TableRow([
            StyledText(customer.fullName),
            StyledText(Formatting.phone(customer.phone)),
            StyledText(customer.email ?? ""),
            StyledText(customer.openCards == 0 ? "" : String(customer.openCards)),
            StyledText(customer.rewardsReady == 0 ? "" : String(customer.rewardsReady),
                       style: customer.rewardsReady > 0 ? .reward : .normal),
            StyledText(String(customer.pointsBalance)),
        ])
    }
}
