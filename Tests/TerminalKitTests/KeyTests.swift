import Testing
import TerminalKit

@Suite struct KeyTests {
    @Test func labelsForHelpBars() {
        #expect(Key.label([.up, .down]) == "↑/↓")
        #expect(Key.enter.label == "Enter")
        #expect(Key.function(2).label == "F2")
        #expect(Key.ctrl("l").label == "Ctrl-L")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.char("a").label == "a")
        #expect(Key.pageDown.label == "PgDn")
        #expect(Key.backTab.label == "Shift-Tab")
        #expect(Key.escape.label == "Esc")
    }

    @Test func typedCharacter() {
        #expect(Key.char("x").typedCharacter == "x")
        #expect(Key.enter.typedCharacter == nil)
    }
}
