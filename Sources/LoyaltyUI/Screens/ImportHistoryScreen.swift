import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Import History's screens by phase: the start-date dialog (with the go-live warning over it), the
/// fetch's progress, then the review list (`ImportHistoryReviewScreen`) and its dialogs.
public enum ImportHistoryScreen {
    public static func render(_ s: ImportHistoryState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        switch s.phase {
        case .loading:
            buffer.draw(ImportHistoryUIStrings.title, in: inner.splitTop(1).top, style: .title)
            buffer.draw(s.error ?? UIStrings.loading, in: inner.inset(top: 2).splitTop(1).top,
                        style: s.error == nil ? .dim : .error)
        case .choosingDate:
            dateDialog(s, into: &buffer, in: inner)
        case .confirmEarlyStart(let start):
            dateDialog(s, into: &buffer, in: inner)
            buffer.cursor = nil
            ModalDialog(title: ImportHistoryUIStrings.earlyTitle,
                        body: ImportHistoryUIStrings.earlyBody(start, goLive: s.context?.goLive).enumerated().map {
                            StyledText($0.element, style: $0.offset == 0 ? .warning : .normal)
                        },
                        actions: Keymaps.importHistoryEarly.barItems, maxWidth: 70).draw(into: &buffer, in: area)
        case .fetching(let start):
            progress(s, start: start, into: &buffer, in: inner)
        case .reviewing, .committing:
            ImportHistoryReviewScreen.render(s, into: &buffer, in: inner)
            ImportHistoryReviewScreen.drawModal(s, into: &buffer, in: area)
        }
    }

    /// The dialog: the last real-time import (offered as the start), go-live, the date field, the points box.
    static func dateDialog(_ s: ImportHistoryState, into buffer: inout ScreenBuffer, in area: Rect) {
        guard let context = s.context else { return }
        let width = min(area.width, 74)
        let blocked = context.blocker
        let textWidth = width - 4
        var body: [(String, Style)] = []
        if let blocked {
            for line in TextWrap.lines(blocked, width: textWidth) { body.append((line, .warning)) }
        } else {
            for line in TextWrap.lines(ImportHistoryUIStrings.explain(context.customerName), width: textWidth) {
                body.append((line, .dim))
            }
        }
        let errorLines = s.error.map { TextWrap.lines($0, width: textWidth) } ?? []
        let height = min(area.height, 9 + body.count + errorLines.count)
        let frame = area.centered(width: width, height: height)
        buffer.fill(frame, style: .modal)
        let inside = buffer.box(frame, style: .border, title: ImportHistoryUIStrings.title(context.customerName),
                                titleStyle: .modalTitle).inset(left: 1, right: 1)
        var rows = inside
        func next() -> Rect {
            let (row, rest) = rows.splitTop(1)
            rows = rest
            return row
        }
        buffer.draw(ImportHistoryUIStrings.lastImport(context.lastRealtimeImport), in: next(), style: .emphasis)
        buffer.draw(ImportHistoryUIStrings.goLive(context.goLive), in: next(), style: .dim)
        _ = next()
        let dateRow = next()
        let label = ImportHistoryUIStrings.startDate + " "
        let (labelRect, rest) = dateRow.splitLeft(TextWidth.width(of: label))
        buffer.draw(label, in: labelRect, style: .label)
        let (fieldRect, hintRect) = rest.splitLeft(min(rest.width, 12))
        TextFieldView(s.dateField, isFocused: blocked == nil).draw(into: &buffer, in: fieldRect)
        let cursor = buffer.cursor
        buffer.draw(" " + ImportHistoryUIStrings.dateHint, in: hintRect, style: .dim)
        let pointsRow = next()
        if context.pointsEnabled {
            buffer.draw(Checkbox.text(ImportHistoryUIStrings.pointsLabel, checked: s.includePoints), in: pointsRow,
                        style: s.includePoints ? .success : .normal)
        } else {
            buffer.draw(Checkbox.text(ImportHistoryUIStrings.pointsLabel, checked: false) + " "
                        + ImportHistoryUIStrings.pointsOffNote, in: pointsRow, style: .dim)
        }
        _ = next()
        for (line, style) in body { buffer.draw(line, in: next(), style: style) }
        for line in errorLines { buffer.draw(line, in: next(), style: .error) }
        buffer.cursor = blocked == nil ? cursor : nil
    }

    static func progress(_ s: ImportHistoryState, start: LocalDate, into buffer: inout ScreenBuffer, in area: Rect) {
        let name = s.context?.customerName ?? ""
        let width = min(area.width, 74)
        let frame = area.centered(width: width, height: 7)
        buffer.fill(frame, style: .modal)
        let inside = buffer.box(frame, style: .border, title: ImportHistoryUIStrings.title(name),
                                titleStyle: .modalTitle).inset(left: 1, right: 1)
        let rows = inside.rows([.fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1)])
        buffer.draw(ImportHistoryUIStrings.fetchingFrom(name, start), in: rows[0], style: .normal)
        buffer.draw(ImportHistoryStrings.progress(s.progress), in: rows[2], style: .emphasis)
        buffer.draw(ImportHistoryUIStrings.escCancels, in: rows[4], style: .dim)
        buffer.cursor = nil
    }
}
