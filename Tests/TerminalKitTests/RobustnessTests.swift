import Testing
import TerminalKit

/// Hostile text and tiny terminals (issue 9): nothing crashes, no control character reaches a cell, and a
/// wide character is never left half drawn.
@Suite struct RobustnessTests {
    /// A small deterministic generator, so a failure replays.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let pieces: [String] = ["a", "Zoë", "李", "🐶", "e\u{301}", "\u{1b}[2J", "\u{1b}]52;c;x\u{07}", "\u{9b}",
                                   "\u{202E}", "\t", "\n", "\u{7f}", "שלום", "👨‍👩‍👧", "🇫🇷", "\u{301}", " ", "\u{0}"]

    func randomText(_ rng: inout SplitMix) -> String {
        (0..<rng.below(12)).map { _ in Self.pieces[rng.below(Self.pieces.count)] }.joined()
    }

    func checkInvariants(_ buffer: ScreenBuffer) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { #expect(x > 0 && buffer[x - 1, y].isWide, "orphan continuation at \(x),\(y)") }
                if cell.isWide { #expect(x + 1 < buffer.width && buffer[x + 1, y].isContinuation, "half wide at \(x),\(y)") }
                for s in cell.character.unicodeScalars {
                    #expect(!(s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)), "control in cell \(x),\(y)")
                }
            }
        }
    }

    @Test func randomDrawingKeepsTheBufferConsistent() {
        var rng = SplitMix(state: 42)
        var buffer = ScreenBuffer(width: 23, height: 7)
        for _ in 0..<3000 {
            let x = rng.below(30) - 4, y = rng.below(10) - 2
            let rect = Rect(x: x, y: y, width: rng.below(30), height: rng.below(5))
            switch rng.below(5) {
            case 0: buffer.put(randomText(&rng), x: x, y: y, clip: rng.below(2) == 0 ? rect : nil)
            case 1: buffer.draw(randomText(&rng), in: rect, style: .selection, alignment: .right)
            case 2: buffer.fill(rect, with: rng.below(2) == 0 ? "李" : "x")
            case 3: buffer.box(rect, title: randomText(&rng))
            default: buffer.set(Cell(rng.below(2) == 0 ? "🐶" : "y"), x: x, y: y, clip: rect)
            }
        }
        checkInvariants(buffer)
    }

    @Test func everyWidgetSurvivesTinyTerminals() {
        var rng = SplitMix(state: 7)
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 20, height: 5),
                     Size(width: 3, height: 40), Size(width: 200, height: 2)] {
            var buffer = ScreenBuffer(size: size)
            let area = buffer.bounds
            let rows = (0..<30).map { _ in TableRow([randomText(&rng), randomText(&rng)]) }
            var selection = ListSelection(count: rows.count)
            selection.handle(.pageDown, visibleRows: area.height)
            TableView(columns: [TableColumn("A"), TableColumn("B", width: .fixed(8))], rows: rows,
                      selection: selection, showsScrollIndicators: true).draw(into: &buffer, in: area)
            var field = TextFieldState(maxLength: 50)
            field.handle(.paste(String(repeating: "李🐶x", count: 5000)))
            TextFieldView(field, isFocused: true).draw(into: &buffer, in: area)
            var form = FormState(fields: [FormField(randomText(&rng), input: field, error: randomText(&rng))])
            form.handle(.char("z"))
            FormView(form).draw(into: &buffer, in: area)
            ModalDialog(title: randomText(&rng), message: randomText(&rng),
                        actions: [HelpItem(key: "Y", description: randomText(&rng))]).draw(into: &buffer, in: area)
            StatusBar(left: [randomText(&rng)], right: [randomText(&rng)]).draw(into: &buffer, in: area)
            HelpBar([HelpItem(key: randomText(&rng), description: randomText(&rng))]).draw(into: &buffer, in: area)
            EnlargeNotice(minimum: Size(width: 80, height: 24)).draw(into: &buffer)
            checkInvariants(buffer)
            if let cursor = buffer.cursor { #expect(buffer.contains(x: cursor.x, y: cursor.y) || size.width == 0) }
            #expect(field.text.count == 50)
        }
    }

    @Test func diffOfRandomFramesReproducesTheNewFrame() {
        var rng = SplitMix(state: 99)
        var old = ScreenBuffer(width: 30, height: 6)
        for _ in 0..<200 {
            var new = old
            for _ in 0..<rng.below(4) {
                new.put(randomText(&rng), x: rng.below(32) - 1, y: rng.below(6), style: rng.below(2) == 0 ? .dim : .normal)
            }
            // Applying the runs to the old frame must give the new one.
            var replayed = old
            for run in BufferDiff.between(old, new).runs {
                var x = run.x
                for cell in run.cells {
                    if !cell.isContinuation { replayed.set(cell, x: x, y: run.y) }
                    x += 1
                }
            }
            #expect(replayed.cells == new.cells)
            old = new
        }
    }
}
