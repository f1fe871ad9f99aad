/// The selected row of a scrolling list and its scroll position, with the usual keys. A value, so
/// view-models keep it in their state and test it without drawing.
///
/// `visibleRows` is the list's height at the last render; moves keep the selection on screen, and
/// `visibleRange(rows:)` re-checks it at render time in case the terminal was resized.
public struct ListSelection: Hashable, Sendable {
    public private(set) var count: Int
    /// The selected row, nil when the list is empty.
    public private(set) var index: Int?
    /// The first row shown.
    public private(set) var offset: Int

    public init(count: Int = 0, index: Int = 0) {
        self.count = max(0, count)
        self.index = count > 0 ? min(max(0, index), count - 1) : nil
        self.offset = 0
    }

    /// Follows a new number of rows (results narrowed by typing): the selection stays where it was,
    /// clamped to the new end.
    public mutating func setCount(_ newCount: Int, visibleRows: Int = 1) {
        count = max(0, newCount)
        if count == 0 {
            index = nil
            offset = 0
        } else {
            index = min(index ?? 0, count - 1)
            offset = visibleRange(rows: visibleRows).lowerBound
        }
    }

    public mutating func select(_ row: Int, visibleRows: Int) {
        guard count > 0 else { return }
        index = min(max(0, row), count - 1)
        offset = visibleRange(rows: visibleRows).lowerBound
    }

    public mutating func moveUp(visibleRows: Int) { move(by: -1, visibleRows: visibleRows) }
    public mutating func moveDown(visibleRows: Int) { move(by: 1, visibleRows: visibleRows) }

    public mutating func pageUp(visibleRows: Int) {
        let page = max(1, visibleRows)
        offset = max(0, offset - page)
        move(by: -page, visibleRows: visibleRows)
    }

    public mutating func pageDown(visibleRows: Int) {
        let page = max(1, visibleRows)
        offset = min(max(0, count - page), offset + page)
        move(by: page, visibleRows: visibleRows)
    }

    public mutating func home(visibleRows: Int) { select(0, visibleRows: visibleRows) }
    public mutating func end(visibleRows: Int) { select(count - 1, visibleRows: visibleRows) }

    private mutating func move(by delta: Int, visibleRows: Int) {
        guard let index else { return }
        select(index + delta, visibleRows: visibleRows)
    }

    /// Applies ↑ ↓ PgUp PgDn Home End; returns false for any other key (so the screen can handle it).
    @discardableResult
    public mutating func handle(_ key: Key, visibleRows: Int) -> Bool {
        switch key {
        case .up: moveUp(visibleRows: visibleRows)
        case .down: moveDown(visibleRows: visibleRows)
        case .pageUp: pageUp(visibleRows: visibleRows)
        case .pageDown: pageDown(visibleRows: visibleRows)
        case .home: home(visibleRows: visibleRows)
        case .end: end(visibleRows: visibleRows)
        default: return false
        }
        return true
    }

    /// The rows to show in a list `rows` high: starts at `offset`, moved just enough to show the selection,
    /// and never leaves empty space at the bottom when there are rows above to fill it.
    public func visibleRange(rows: Int) -> Range<Int> {
        let rows = max(0, rows)
        guard count > 0, rows > 0 else { return 0..<0 }
        var start = min(offset, max(0, count - rows))
        if let index {
            if index < start { start = index }
            if index >= start + rows { start = index - rows + 1 }
        }
        return start..<min(count, start + rows)
    }
}
