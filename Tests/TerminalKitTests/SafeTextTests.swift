import Testing
import TerminalKit

@Suite struct SafeTextTests {
    @Test func escapeSequencesCannotReachTheTerminal() {
        let hostile = "Bob\u{1b}]52;c;ZXZpbA==\u{07}\u{1b}[2J"
        let safe = SafeText.sanitize(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(safe == "Bob␛]52;c;ZXZpbA==␇␛[2J")
    }

    @Test func c1ControlsDelAndBidiOverridesAreNeutralised() {
        #expect(SafeText.sanitize("a\u{9b}31mb") == "a\u{FFFD}31mb")
        #expect(SafeText.sanitize("x\u{7f}y") == "x␡y")
        #expect(SafeText.sanitize("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(SafeText.sanitize("\u{2066}x\u{2069}") == "x")
    }

    @Test func whitespaceControlsBecomeSpacesAndLettersStay() {
        #expect(SafeText.sanitize("12 Main St\r\nApt 4\tB") == "12 Main St  Apt 4 B")
        #expect(SafeText.sanitize("Zoë 李🐶 שלום e\u{301}") == "Zoë 李🐶 שלום e\u{301}")
        #expect("plain".terminalSafe == "plain")
    }

    @Test func drawingAlwaysSanitizes() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.put("A\u{1b}[2JB", x: 0, y: 0)
        #expect(buffer.lines == ["A␛[2JB"])
    }
}
