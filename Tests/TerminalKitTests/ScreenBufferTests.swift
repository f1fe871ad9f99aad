import Testing
import TerminalKit

@Suite struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoCellsAndReadBackOnce() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let end = buffer.put("李🐶x", x: 0, y: 0, style: .title)
        #expect(end == 5)
        #expect(buffer[0, 0].isWide)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].character == "🐶")
        #expect(buffer[4, 0].character == "x")
        #expect(buffer.lines == ["李🐶x"])
        #expect(buffer[1, 0].style == .title)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("李李", x: 0, y: 0)
        buffer.put("a", x: 1, y: 0)
        #expect(buffer.lines == [" a李"])
        buffer.put("b", x: 2, y: 0)
        #expect(buffer.lines == [" ab"])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func textIsClippedToTheRectAndAWideCharAtTheEdgeBecomesASpace() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let clip = Rect(x: 2, y: 0, width: 3, height: 1)
        buffer.put("ab李", x: 2, y: 0, clip: clip)
        #expect(buffer.lines == ["  ab", ""])
        buffer.put("xyz", x: 2, y: 1, clip: clip)
        #expect(buffer.lines[1] == "", "row outside the clip is untouched")
        buffer.put("hello", x: -3, y: 1)
        #expect(buffer.lines[1] == "lo")
        buffer.put("far", x: 50, y: 5)
    }

    @Test func drawTruncatesAlignsAndPads() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        buffer.draw("Purina Pro Plan Adult", in: Rect(x: 0, y: 0, width: 10, height: 1), style: .selection)
        buffer.draw("right", in: Rect(x: 0, y: 1, width: 12, height: 1), alignment: .right)
        buffer.draw("mid", in: Rect(x: 0, y: 2, width: 11, height: 1), alignment: .center)
        #expect(buffer.lines == ["Purina Pr…", "       right", "    mid"])
        #expect(buffer[9, 0].style == .selection)
        #expect(buffer[10, 0].style == .normal)
    }

    @Test func spansKeepTheirStyles() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        let end = buffer.draw(spans: [StyledText("F2", style: .helpKey), StyledText(" Search", style: .helpText),
                                      StyledText(" more text", style: .helpText)], in: buffer.bounds)
        #expect(buffer.lines == ["F2 Search m…"])
        #expect(buffer[0, 0].style == .helpKey && buffer[2, 0].style == .helpText)
        #expect(end == 12)
    }

    @Test func fillAndBoxWithTitle() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        let inside = buffer.box(buffer.bounds, title: "Card")
        #expect(inside == Rect(x: 1, y: 1, width: 10, height: 2))
        buffer.fill(inside, with: "·", style: .dim)
        #expect(buffer.lines == ["┌─ Card ───┐", "│··········│", "│··········│", "└──────────┘"])
        #expect(buffer[3, 0].style == .title)
        #expect(buffer[0, 0].style == .border)
        #expect(buffer[1, 1].style == .dim)
    }

    @Test func boxTooSmallDoesNotCrash() {
        var buffer = ScreenBuffer(width: 3, height: 3)
        #expect(buffer.box(Rect(x: 0, y: 0, width: 1, height: 5)) == .zero)
        #expect(buffer.box(Rect(x: 2, y: 2, width: 10, height: 10)) == Rect(x: 3, y: 3, width: 8, height: 8))
        var empty = ScreenBuffer(width: 0, height: 0)
        empty.put("x", x: 0, y: 0)
        empty.fill(empty.bounds)
        #expect(empty.lines.isEmpty)
    }

    @Test func horizontalRuleJoinsTheBox() {
        var buffer = ScreenBuffer(width: 6, height: 3)
        buffer.box(buffer.bounds)
        buffer.horizontalLine(in: Rect(x: 1, y: 1, width: 4, height: 1), joinBox: true)
        #expect(buffer.lines[1] == "├────┤")
    }

    @Test func struckTextKeepsItsWidth() {
        let struck = Strike.through("Bag 5")
        #expect(displayWidth(of: struck) == 5)
        var buffer = ScreenBuffer(width: 8, height: 1)
        #expect(buffer.put(struck, x: 0, y: 0, style: .removed) == 5)
    }
}
