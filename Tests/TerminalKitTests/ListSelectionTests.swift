import Testing
import TerminalKit

@Suite struct ListSelectionTests {
    @Test func upDownStopAtTheEnds() {
        var s = ListSelection(count: 3)
        s.moveUp(visibleRows: 10)
        #expect(s.index == 0)
        s.moveDown(visibleRows: 10); s.moveDown(visibleRows: 10); s.moveDown(visibleRows: 10)
        #expect(s.index == 2)
    }

    @Test func scrollingKeepsTheSelectionVisible() {
        var s = ListSelection(count: 100)
        for _ in 0..<7 { s.handle(.down, visibleRows: 5) }
        #expect(s.index == 7)
        #expect(s.visibleRange(rows: 5) == 3..<8)
        s.handle(.up, visibleRows: 5); s.handle(.up, visibleRows: 5); s.handle(.up, visibleRows: 5)
        #expect(s.index == 4)
        #expect(s.visibleRange(rows: 5) == 3..<8, "moving inside the window does not scroll")
        s.handle(.up, visibleRows: 5); s.handle(.up, visibleRows: 5)
        #expect(s.visibleRange(rows: 5) == 2..<7)
    }

    @Test func pagesHomeAndEnd() {
        var s = ListSelection(count: 23)
        s.handle(.pageDown, visibleRows: 10)
        #expect(s.index == 10)
        #expect(s.visibleRange(rows: 10) == 10..<20)
        s.handle(.pageDown, visibleRows: 10)
        #expect(s.index == 20)
        #expect(s.visibleRange(rows: 10) == 13..<23)
        s.handle(.pageDown, visibleRows: 10)
        #expect(s.index == 22)
        s.handle(.pageUp, visibleRows: 10)
        #expect(s.index == 12)
        #expect(s.visibleRange(rows: 10).contains(12))
        s.handle(.home, visibleRows: 10)
        #expect(s.index == 0 && s.visibleRange(rows: 10) == 0..<10)
        s.handle(.end, visibleRows: 10)
        #expect(s.index == 22 && s.visibleRange(rows: 10) == 13..<23)
        do { let r = s.handle(.enter, visibleRows: 10); #expect(!r) }
    }

    @Test func emptyListsAndShrinkingCounts() {
        var s = ListSelection(count: 0)
        #expect(s.index == nil)
        s.handle(.down, visibleRows: 5)
        #expect(s.index == nil && s.visibleRange(rows: 5).isEmpty)
        s.setCount(50)
        #expect(s.index == 0)
        s.handle(.end, visibleRows: 5)
        s.setCount(4, visibleRows: 5)
        #expect(s.index == 3 && s.visibleRange(rows: 5) == 0..<4)
        s.setCount(0)
        #expect(s.index == nil)
    }

    @Test func aSmallerWindowAtRenderTimeStillShowsTheSelection() {
        var s = ListSelection(count: 40)
        s.select(30, visibleRows: 20)
        #expect(s.visibleRange(rows: 3).contains(30))
        #expect(s.visibleRange(rows: 0).isEmpty)
    }
}
