import Testing
import TerminalKit

@Suite struct BufferDiffTests {
    @Test func noPreviousFrameOrNewSizeIsAFullRedraw() {
        let frame = ScreenBuffer(width: 4, height: 2)
        let first = BufferDiff.between(nil, frame)
        #expect(first.isFullRedraw && first.runs.count == 2)
        #expect(BufferDiff.between(ScreenBuffer(width: 3, height: 2), frame).isFullRedraw)
    }

    @Test func onlyChangedCellsAreReported() {
        var a = ScreenBuffer(width: 20, height: 3)
        a.put("Customer lookup", x: 0, y: 0)
        var b = a
        b.put("X", x: 5, y: 1)
        b.put("YZ", x: 10, y: 2)
        let diff = BufferDiff.between(a, b)
        #expect(!diff.isFullRedraw)
        #expect(diff.runs.map { [$0.x, $0.y, $0.cells.count] } == [[5, 1, 1], [10, 2, 2]])
        #expect(BufferDiff.between(a, a).isEmpty)
    }

    @Test func aChangedWideCharacterIsSentWhole() {
        var a = ScreenBuffer(width: 6, height: 1)
        a.put("李x", x: 0, y: 0)
        var b = a
        b.put("🐶", x: 0, y: 0)
        let diff = BufferDiff.between(a, b)
        #expect(diff.runs.count == 1)
        #expect(diff.runs[0].x == 0 && diff.runs[0].cells.count == 2)
        // Replacing a wide char by two narrow ones: the run covers both old halves.
        var c = a
        c.put("ab", x: 0, y: 0)
        let narrow = BufferDiff.between(a, c)
        #expect(narrow.runs.first?.x == 0)
        #expect(narrow.runs.first?.cells.count == 2)
    }

    @Test func cursorMovesAreNoticed() {
        let a = ScreenBuffer(width: 4, height: 1)
        var b = a
        b.cursor = Point(x: 2, y: 0)
        let diff = BufferDiff.between(a, b)
        #expect(diff.cursorChanged && diff.runs.isEmpty && !diff.isEmpty)
    }
}
