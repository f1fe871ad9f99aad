/// The cells that changed between two frames, as runs per row, so a backend redraws only those
/// (a keystroke in a text field touches a few cells, not the whole 132×43 screen).
public struct BufferDiff: Hashable, Sendable {
    /// A stretch of changed cells in one row, starting at column `x`. Never starts on the right half of a
    /// wide character, never ends between its halves.
    public struct Run: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    /// True when the size changed (or there was no previous frame): everything must be drawn.
    public var isFullRedraw: Bool
    public var runs: [Run]
    public var cursorChanged: Bool

    public var isEmpty: Bool { !isFullRedraw && runs.isEmpty && !cursorChanged }

    /// Number of cells the runs cover.
    public var changedCellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// Compares `new` with `old`; with no old frame or a different size, every row is one run.
    public static func between(_ old: ScreenBuffer?, _ new: ScreenBuffer) -> BufferDiff {
        guard let old, old.size == new.size else {
            let runs = (0..<new.height).map { y in Run(x: 0, y: y, cells: Array(new.row(y))) }
            return BufferDiff(isFullRedraw: true, runs: runs, cursorChanged: true)
        }
        var runs: [Run] = []
        let width = new.width
        for y in 0..<new.height {
            let a = old.row(y), b = new.row(y)
            let base = b.startIndex, oldBase = a.startIndex
            var x = 0
            while x < width {
                if a[oldBase + x] == b[base + x] { x += 1; continue }
                var start = x
                if b[base + start].isContinuation || a[oldBase + start].isContinuation { start = max(0, start - 1) }
                var end = x + 1
                while end < width && a[oldBase + end] != b[base + end] { end += 1 }
                // Keep a wide character whole, in the new frame and the old one.
                while end < width && (b[base + end].isContinuation || a[oldBase + end].isContinuation) { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    runs[runs.count - 1].cells = Array(b[(base + last.x)..<(base + end)])
                } else {
                    runs.append(Run(x: start, y: y, cells: Array(b[(base + start)..<(base + end)])))
                }
                x = end
            }
        }
        return BufferDiff(isFullRedraw: false, runs: runs, cursorChanged: old.cursor != new.cursor)
    }
}
