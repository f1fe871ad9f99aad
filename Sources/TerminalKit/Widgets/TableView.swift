/// One column of a `TableView`: a title, a width (fixed or a share of the rest) and an alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: LayoutLength
    public var alignment: TextAlignment

    public init(_ title: String, width: LayoutLength = .fill, alignment: TextAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One row of a `TableView`: a styled text per column, and a style for the row's background.
public struct TableRow: Hashable, Sendable {
    public var cells: [StyledText]
    public var style: Style

    public init(_ cells: [StyledText], style: Style = .normal) {
        self.cells = cells
        self.style = style
    }

    /// A row of plain strings, all in the row's style.
    public init(_ texts: [String], style: Style = .normal) {
        self.init(texts.map { StyledText($0, style: style) }, style: style)
    }
}

/// A scrolling table (or, with one column and no header, a list) with a highlighted row. Cells are
/// truncated with "…" to their column; the selected row is kept visible via `ListSelection`.
public struct TableView: Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var selection: ListSelection?
    public var showsHeader: Bool
    public var headerStyle: Style
    public var selectionStyle: Style
    /// Blank columns between table columns.
    public var spacing: Int
    /// Shown (dimmed) when there are no rows.
    public var emptyText: String?
    /// Draws ▲ / ▼ in the last column when rows are hidden above / below.
    public var showsScrollIndicators: Bool

    public init(columns: [TableColumn], rows: [TableRow], selection: ListSelection? = nil,
                showsHeader: Bool = true, headerStyle: Style = .title, selectionStyle: Style = .selection,
                spacing: Int = 1, emptyText: String? = nil, showsScrollIndicators: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.selection = selection
        self.showsHeader = showsHeader
        self.headerStyle = headerStyle
        self.selectionStyle = selectionStyle
        self.spacing = spacing
        self.emptyText = emptyText
        self.showsScrollIndicators = showsScrollIndicators
    }

    /// A one-column list without a header.
    public static func list(_ items: [TableRow], selection: ListSelection?, emptyText: String? = nil) -> TableView {
        TableView(columns: [TableColumn("")], rows: items, selection: selection, showsHeader: false,
                  emptyText: emptyText)
    }

    /// Rows available for data in a rect of this height (what to pass as `visibleRows`).
    public func visibleRows(inHeight height: Int) -> Int { max(0, height - (showsHeader ? 1 : 0)) }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let columnRects = rect.columns(columns.map(\.width), spacing: spacing)
        var body = rect
        if showsHeader {
            let (header, rest) = rect.splitTop(1)
            buffer.fill(header, style: headerStyle)
            for (column, area) in zip(columns, columnRects) {
                buffer.draw(column.title, in: Rect(x: area.x, y: header.y, width: area.width, height: 1),
                            style: headerStyle, alignment: column.alignment)
            }
            body = rest
        }
        guard !body.isEmpty else { return }
        if rows.isEmpty {
            if let emptyText { buffer.draw(emptyText, in: body.splitTop(1).top, style: .dim) }
            return
        }
        let range = (selection ?? ListSelection(count: rows.count)).visibleRange(rows: body.height)
        for (line, rowIndex) in range.enumerated() where rowIndex < rows.count {
            let row = rows[rowIndex]
            let y = body.y + line
            let selected = selection?.index == rowIndex
            let rowStyle = selected ? selectionStyle : row.style
            buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: rowStyle)
            for (i, (column, area)) in zip(columns, columnRects).enumerated() where i < row.cells.count {
                let cell = row.cells[i]
                buffer.draw(cell.text, in: Rect(x: area.x, y: y, width: area.width, height: 1),
                            style: selected ? selectionStyle : cell.style, alignment: column.alignment)
            }
        }
        if showsScrollIndicators && !range.isEmpty {
            let x = body.maxX - 1
            if range.lowerBound > 0 {
                buffer.set(Cell("▲", style: buffer[x, body.y].style), x: x, y: body.y)
            }
            if range.upperBound < rows.count {
                let y = body.y + range.count - 1
                buffer.set(Cell("▼", style: buffer[x, y].style), x: x, y: y)
            }
        }
    }
}
