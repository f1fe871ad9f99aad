import Testing
import TerminalKit

@Suite struct TextWidthTests {
    @Test func asciiAccentsCJKAndEmojiTakeTheirRealWidth() {
        #expect(displayWidth(of: "Rex") == 3)
        #expect(displayWidth(of: "Zoë") == 3)
        #expect(displayWidth(of: "Zoe\u{0308}") == 3, "combining diaeresis adds no column")
        #expect(displayWidth(of: "李") == 2)
        #expect(displayWidth(of: "🐶") == 2)
        #expect(displayWidth(of: "李🐶") == 4)
        #expect(displayWidth(of: "") == 0)
    }

    @Test func truncationEndsWithAnEllipsisAndNeverSplitsAWideCharacter() {
        #expect(TextWidth.truncate("Purina Pro Plan", toWidth: 10) == "Purina Pr…")
        #expect(TextWidth.truncate("short", toWidth: 10) == "short")
        #expect(TextWidth.truncate("李李李李", toWidth: 6) == "李李…")
        #expect(displayWidth(of: TextWidth.truncate("李李李李", toWidth: 6)) == 5)
        #expect(TextWidth.truncate("abc", toWidth: 0) == "")
        #expect(TextWidth.truncate("abcdef", toWidth: 1) == "…")
    }

    @Test func fitPadsOrCutsToTheExactWidth() {
        #expect(TextWidth.fit("ab", width: 5) == "ab   ")
        #expect(TextWidth.fit("ab", width: 5, alignment: .right) == "   ab")
        #expect(TextWidth.fit("ab", width: 6, alignment: .center) == "  ab  ")
        #expect(TextWidth.fit("abcdefgh", width: 5) == "abcd…")
        #expect(displayWidth(of: TextWidth.fit("🐶 Rex", width: 8)) == 8)
    }
}
