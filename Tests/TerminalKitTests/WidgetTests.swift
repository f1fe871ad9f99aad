import Testing
import TerminalKit

@Suite struct WidgetTests {
    @Test func tableHighlightsAndScrollsToTheSelection() {
        let rows = (1...20).map { TableRow(["Customer \($0)", "555-01\(String(format2: $0))"]) }
        var selection = ListSelection(count: rows.count)
        selection.select(9, visibleRows: 4)
        let table = TableView(columns: [TableColumn("Name"), TableColumn("Phone", width: .fixed(8), alignment: .right)],
                              rows: rows, selection: selection)
        var buffer = ScreenBuffer(width: 24, height: 5)
        table.draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines == [
            "Name               Phone",
            "Customer 7      555-0107",
            "Customer 8      555-0108",
            "Customer 9      555-0109",
            "Customer 10     555-0110",
        ])
        #expect(buffer[0, 4].style == .selection && buffer[23, 4].style == .selection)
        #expect(buffer[0, 3].style == .normal)
        #expect(buffer[0, 0].style == .title)
        #expect(table.visibleRows(inHeight: 5) == 4)
    }

    @Test func scrollIndicatorsShowHiddenRows() {
        let rows = (1...10).map { TableRow(["Row \($0)"]) }
        var selection = ListSelection(count: 10)
        selection.select(5, visibleRows: 3)
        var table = TableView.list(rows, selection: selection)
        table.showsScrollIndicators = true
        let buffer = ScreenBuffer.rendering(Size(width: 8, height: 3)) { table.draw(into: &$0, in: $0.bounds) }
        #expect(buffer.lines == ["Row 4  ▲", "Row 5", "Row 6  ▼"])
        #expect(buffer[7, 2].style == .selection)
    }

    @Test func tableTruncatesLongCellsAndShowsEmptyText() {
        var buffer = ScreenBuffer(width: 20, height: 3)
        TableView(columns: [TableColumn("Item", width: .fixed(10)), TableColumn("Qty")],
                  rows: [TableRow([StyledText("Purina Pro Plan Adult"), StyledText("2", style: .success)])])
            .draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines[1] == "Purina Pr… 2")
        #expect(buffer[11, 1].style == .success)
        var empty = ScreenBuffer(width: 20, height: 3)
        TableView.list([], selection: ListSelection(count: 0), emptyText: "No customers")
            .draw(into: &empty, in: empty.bounds)
        #expect(empty.lines[0] == "No customers")
    }

    @Test func formMovesFocusAndShowsErrors() {
        var form = FormState(fields: [FormField("First name"), FormField("Phone", input: TextFieldState(allowed: .phone))])
        do { let r = form.handle(.char("Z")); #expect(r == .edited(0)) }
        do { let r = form.handle(.tab); #expect(r == .focusMoved) }
        #expect(form.focus == 1)
        do { let r = form.handle(.tab); #expect(r == .focusMoved) }
        #expect(form.focus == 0)
        do { let r = form.handle(.backTab); #expect(r == .focusMoved) }
        #expect(form.focus == 1)
        do { let r = form.handle(.enter); #expect(r == .notHandled) }
        form.fields[1].error = "Phone needs 10 digits"
        form.focusFirstError()
        #expect(form.focus == 1)
        var buffer = ScreenBuffer(width: 36, height: 4)
        FormView(form).draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines == ["First name  Z", "Phone", "            Phone needs 10 digits", ""])
        #expect(buffer.cursor == Point(x: 12, y: 1))
        #expect(buffer[12, 2].style == .error)
        #expect(FormView(form).height == 3)
        form.handle(.char("5"))
        #expect(form.fields[1].error == nil, "editing clears the field's error")
        #expect(form["Phone"]?.text == "5")
    }

    @Test func helpBarDropsWholeItemsWhenNarrow() {
        let items = [HelpItem(keys: [.up, .down], description: "Move"), HelpItem(.enter, "Open"),
                     HelpItem(.function(2), "New customer"), HelpItem(.escape, "Quit")]
        var wide = ScreenBuffer(width: 50, height: 1)
        HelpBar(items).draw(into: &wide, in: wide.bounds)
        #expect(wide.lines == ["↑/↓ Move  Enter Open  F2 New customer  Esc Quit"])
        #expect(wide[0, 0].style == .helpKey && wide[4, 0].style == .helpText)
        var narrow = ScreenBuffer(width: 40, height: 1)
        HelpBar(items).draw(into: &narrow, in: narrow.bounds)
        #expect(narrow.lines == ["↑/↓ Move Enter Open F2 New customer"])
        var tiny = ScreenBuffer(width: 6, height: 1)
        HelpBar(items).draw(into: &tiny, in: tiny.bounds)
        #expect(tiny.lines == ["↑/↓ M…"])
    }

    @Test func statusBarKeepsTheRightSide() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        StatusBar(left: ["Checkout", "Sally Smith-Johnson"], right: ["TRAINING"]).draw(into: &buffer, in: buffer.bounds)
        #expect(buffer.lines == [" Checkout │ Sally S… TRAINING"])
        #expect(buffer[29, 0].style == .statusBar)
    }

    @Test func modalIsCentredWithWrappedBodyAndActions() {
        var buffer = ScreenBuffer(width: 40, height: 10)
        buffer.fill(buffer.bounds, with: ".")
        let frame = ModalDialog(title: "Remove punch?", message: "The punch stays on record with your name and the reason.",
                                actions: [HelpItem(key: "Y", description: "Remove"), HelpItem(key: "Esc", description: "Keep")],
                                maxWidth: 30)
            .draw(into: &buffer, in: buffer.bounds)
        #expect(frame == Rect(x: 5, y: 1, width: 30, height: 7))
        #expect(buffer.lines == [
            "........................................",
            ".....┌─ Remove punch? ────────────┐.....",
            ".....│ The punch stays on record  │.....",
            ".....│ with your name and the     │.....",
            ".....│ reason.                    │.....",
            ".....│                            │.....",
            ".....│   [Y] Remove  [Esc] Keep   │.....",
            ".....└────────────────────────────┘.....",
            "........................................",
            "........................................",
        ])
    }

    @Test func enlargeNoticeAtAnySize() {
        var buffer = ScreenBuffer(width: 60, height: 20)
        EnlargeNotice(minimum: Size(width: 80, height: 24)).draw(into: &buffer)
        #expect(buffer.lines[9].contains("Please enlarge the terminal to at least 80×24."))
        #expect(buffer.lines[10].contains("Now 60×20."))
        for size in [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 20, height: 5)] {
            var small = ScreenBuffer(size: size)
            EnlargeNotice(minimum: Size(width: 80, height: 24)).draw(into: &small)
        }
        var small = ScreenBuffer(width: 20, height: 5)
        EnlargeNotice(minimum: Size(width: 80, height: 24)).draw(into: &small)
        #expect(small.lines.joined(separator: " ").contains("enlarge"))
    }

    @Test func wrapBreaksAtSpacesAndCutsLongWords() {
        #expect(TextWrap.lines("a bb ccc dddd", width: 6) == ["a bb", "ccc", "dddd"])
        #expect(TextWrap.lines("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(TextWrap.lines("one\ntwo", width: 10) == ["one", "two"])
        #expect(TextWrap.lines("", width: 10) == [""])
        #expect(TextWrap.lines("x", width: 0).isEmpty)
    }
}

extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
