import Testing
import TerminalKit

@Suite struct TextFieldTests {
    func typed(_ text: String, into field: TextFieldState = TextFieldState()) -> TextFieldState {
        var f = field
        for c in text { f.handle(.char(c)) }
        return f
    }

    @Test func typingMovingAndDeleting() {
        var f = typed("Zoe")
        #expect(f.text == "Zoe" && f.cursor == 3)
        do { let r = f.handle(.left); #expect(r == .handled) }
        do { let r = f.handle(.backspace); #expect(r == .edited) }
        #expect(f.text == "Ze" && f.cursor == 1)
        f.handle(.char("o"))
        f.handle(.delete)
        f.handle(.char("ë"))
        #expect(f.text == "Zoë")
        f.handle(.home)
        do { let r = f.handle(.backspace); #expect(r == .handled) }
        f.handle(.end)
        do { let r = f.handle(.delete); #expect(r == .handled) }
        do { let r = f.handle(.tab); #expect(r == .notHandled) }
        do { let r = f.handle(.enter); #expect(r == .notHandled) }
    }

    @Test func emacsKeys() {
        var f = typed("Sally Anne Smith")
        f.handle(.ctrl("a"))
        #expect(f.cursor == 0)
        f.handle(.ctrl("e"))
        #expect(f.cursor == 16)
        f.handle(.ctrl("w"))
        #expect(f.text == "Sally Anne ")
        f.handle(.ctrl("w"))
        #expect(f.text == "Sally ")
        f.handle(.left); f.handle(.left); f.handle(.left)
        f.handle(.ctrl("k"))
        #expect(f.text == "Sal")
        f.handle(.left)
        f.handle(.ctrl("u"))
        #expect(f.text == "l" && f.cursor == 0)
    }

    @Test func pasteIsCappedAndCleaned() {
        var f = TextFieldState(maxLength: 40)
        let huge = String(repeating: "x", count: 10_000)
        do { let r = f.handle(.paste(huge)); #expect(r == .edited) }
        #expect(f.text.count == 40)
        do { let r = f.handle(.char("y")); #expect(r == .handled) }
        var g = TextFieldState()
        g.handle(.paste("Bob\u{1b}[2J\nSmith\u{202E}"))
        #expect(g.text == "Bob[2JSmith")
    }

    @Test func allowedCharacters() {
        let upc = typed("01a2-3", into: TextFieldState(allowed: .digits))
        #expect(upc.text == "0123")
        let phone = typed("(555) 010-0100 x", into: TextFieldState(allowed: .phone))
        #expect(phone.text == "(555) 010-0100 ")
    }

    @Test func viewScrollsToKeepTheCursorVisibleAndSecureShowsBullets() {
        var buffer = ScreenBuffer(width: 12, height: 2)
        let long = typed("abcdefghijklmnop")
        TextFieldView(long, isFocused: true).draw(into: &buffer, in: Rect(x: 1, y: 0, width: 8, height: 1))
        #expect(buffer.lines[0] == " jklmnop")
        #expect(buffer.cursor == Point(x: 8, y: 0))
        #expect(buffer[1, 0].style == .fieldFocused)
        let pin = typed("1234", into: TextFieldState(isSecure: true))
        TextFieldView(pin, isFocused: false).draw(into: &buffer, in: Rect(x: 0, y: 1, width: 6, height: 1))
        #expect(buffer.lines[1] == "••••")
        #expect(buffer[5, 1].style == .field)
    }

    @Test func placeholderWhenEmptyAndWideCharacters() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        TextFieldView(TextFieldState(), isFocused: true, placeholder: "Search")
            .draw(into: &buffer, in: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(buffer.lines[0] == "Search")
        #expect(buffer.cursor == Point(x: 0, y: 0))
        TextFieldView(typed("李🐶"), isFocused: true).draw(into: &buffer, in: Rect(x: 0, y: 1, width: 10, height: 1))
        #expect(buffer.lines[1] == "李🐶")
        #expect(buffer.cursor == Point(x: 4, y: 1))
    }

    @Test func aSelectedTextIsReplacedByTypingClearedByBackspaceAndKeptByACursorKey() {
        var f = typed("sal")
        f.selectAll()
        #expect(f.isAllSelected && f.cursor == 3)
        do { let r = f.handle(.char("k")); #expect(r == .edited) }
        #expect(f.text == "k" && f.cursor == 1 && !f.isAllSelected)

        var g = typed("sal")
        g.selectAll()
        do { let r = g.handle(.backspace); #expect(r == .edited) }
        #expect(g.text == "" && !g.isAllSelected)

        var h = typed("sal")
        h.selectAll()
        h.handle(.end)
        h.handle(.char("e"))
        #expect(h.text == "sale" && !h.isAllSelected)

        // A key that is not the field's keeps the selection; a refused character keeps the text.
        var d = TextFieldState(text: "2026-11-01", allowed: .date)
        d.selectAll()
        #expect(d.handle(.tab) == .notHandled && d.isAllSelected)
        #expect(d.handle(.char("x")) == .handled && d.text == "2026-11-01")
        var e = TextFieldState()
        e.selectAll()
        #expect(!e.isAllSelected)
    }

    @Test func aTextAsWideAsItsFieldIsShownWhole() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        let date = TextFieldState(text: "2026-11-01", maxLength: 10, allowed: .date)
        TextFieldView(date, isFocused: true).draw(into: &buffer, in: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(buffer.lines[0] == "2026-11-01")
        #expect(buffer.cursor == Point(x: 9, y: 0))
    }
}
