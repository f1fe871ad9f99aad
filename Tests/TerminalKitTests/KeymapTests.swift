import Testing
import TerminalKit

@Suite struct KeymapTests {
    enum Action: Sendable, Equatable { case move, agree, decline, help, quit }

    let keymap = Keymap<Action>([
        KeyBinding([.up, .down], .move, help: "Move"),
        KeyBinding(.char("A"), .agree, help: "Agree"),
        KeyBinding(.char("D"), .decline, help: "Decline"),
        KeyBinding(.char("?"), .help, help: "All keys", inHelpBar: false),
        KeyBinding(.ctrl("c"), .quit, help: nil),
    ])

    @Test func looksUpActionsIgnoringTheCaseOfLetters() {
        #expect(keymap.action(for: .down) == .move)
        #expect(keymap.action(for: .char("A")) == .agree)
        #expect(keymap.action(for: .char("a")) == .agree)
        #expect(keymap.action(for: .ctrl("c")) == .quit)
        #expect(keymap.action(for: .char("z")) == nil)
    }

    @Test func helpComesFromTheSameTable() {
        #expect(keymap.helpBarItems == [HelpItem(key: "↑/↓", description: "Move"), HelpItem(key: "A", description: "Agree"),
                                        HelpItem(key: "D", description: "Decline")])
        #expect(keymap.allHelpItems.count == 4)
        var buffer = ScreenBuffer(width: 30, height: 8)
        KeyHelpOverlay(title: "Keys", items: keymap.allHelpItems).draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines == [
            "",
            "      ┌─ Keys ────────┐",
            "      │ ↑/↓  Move     │",
            "      │ A    Agree    │",
            "      │ D    Decline  │",
            "      │ ?    All keys │",
            "      └───────────────┘",
            "",
        ])
        var tiny = ScreenBuffer(width: 30, height: 4)
        KeyHelpOverlay(title: "Keys", items: keymap.allHelpItems).draw(into: &tiny, in: tiny.bounds)
        #expect(tiny.lines[2].contains("…"))
    }

    @Test func paragraphWrapsAndCuts() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        Paragraph("The punch stays on record forever").draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines == ["The punch", "stays on …"])
        #expect(Paragraph("a b").height(forWidth: 1) == 2)
        #expect(Checkbox.text("Points", checked: true) == "[x] Points")
    }
}
