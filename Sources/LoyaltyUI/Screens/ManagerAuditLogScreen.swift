import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The audit log (manager): newest first, who, which manager approved, the action, and the change in words
/// ("before → after"); the filter above, the selected entry in full below.
public enum ManagerAuditLogScreen {
    static let filterLabels = ["Cust", "User", "Action", "From", "To"]

    public static func render(_ state: AuditLogState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let rows = inner.rows([.fixed(1), .fixed(1), .fill, .fixed(2), .fixed(1)])
        buffer.draw(ManagerUIStrings.auditTitle, in: rows[0], style: .title)
        let count = state.isLoading ? ManagerUIStrings.loading
            : ManagerUIStrings.entries(state.entries.count, more: state.hasMore, zone: state.timeZoneID)
        buffer.draw(count, in: rows[0].splitRight(min(56, rows[0].width - 12)).right, style: .dim, alignment: .right,
                    pad: false)
        filterRow(state, into: &buffer, in: rows[1])

        let whereColumn = state.showsLocation ? [TableColumn(ManagerUIStrings.columnWhere, width: .fixed(12))] : []
        let table = TableView(columns: [
            TableColumn(ManagerUIStrings.columnWhen, width: .fixed(16)),
            TableColumn(ManagerUIStrings.columnUser, width: .fixed(9)),
            TableColumn(ManagerUIStrings.columnApprover, width: .fixed(9)),
            TableColumn(ManagerUIStrings.columnAction, width: .fixed(14)),
        ] + whereColumn + [
            TableColumn(ManagerUIStrings.columnSummary, width: .fill),
        ], rows: state.entries.map { row($0, zone: state.timeZoneID, location: state.showsLocation) },
            selection: state.selection,
            emptyText: state.isLoading ? ManagerUIStrings.loading : ManagerUIStrings.noEntries,
            showsScrollIndicators: true)
        table.draw(into: &buffer, in: rows[2])

        if let entry = state.selectedEntry {
            let lines = wrap(entry.summary, width: rows[3].width, lines: 2)
            for (i, line) in lines.enumerated() {
                buffer.draw(line, in: rows[3].splitTop(i + 1).top.splitBottom(1).bottom, style: .emphasis)
            }
        }
        let hint = state.error ?? (state.filterFocus != nil ? ManagerUIStrings.filterFieldHint
                                   : state.hasMore ? ManagerUIStrings.more : ManagerUIStrings.filterHint)
        buffer.draw(hint, in: rows[4], style: state.error == nil ? .dim : .error)
    }

    static func filterRow(_ state: AuditLogState, into buffer: inout ScreenBuffer, in rect: Rect) {
        let widths = [10, 8, 11, 10, 10]
        var x = rect
        for i in 0..<filterLabels.count {
            let label = filterLabels[i] + " "
            let (l, rest) = x.splitLeft(TextWidth.width(of: label))
            buffer.draw(label, in: l, style: .label)
            let (f, after) = rest.splitLeft(min(widths[i], rest.width))
            TextFieldView(state.filter[i], isFocused: state.filterFocus == i, placeholder: state.filterFocus == nil ? "–" : nil)
                .draw(into: &buffer, in: f)
            x = after.splitLeft(1).rest
        }
        if state.filterFocus == nil { buffer.cursor = nil }
    }

    static func row(_ entry: AuditEntry, zone: String, location: Bool = false) -> TableRow {
        TableRow([
            StyledText(timestamp(entry.at, zone: zone)),
            StyledText(entry.username),
            StyledText(entry.approver ?? "", style: entry.approver == nil ? .normal : .warning),
            StyledText(AuditActionWords.word(forStored: entry.action),
                       style: entry.action.hasPrefix("punch.remove") || entry.action.hasSuffix("undo")
                       ? .warning : .normal),
        ] + (location ? [StyledText(entry.location ?? "")] : []) + [
            StyledText(entry.summary),
        ])
    }

    /// `date` on the store's clock (`zone` is the store's IANA time zone; UTC if unknown).
    static func timestamp(_ date: Date, zone: String) -> String {
        let timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0)!
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0)
    }

    /// Greedy word wrap into at most `lines` lines (the last one truncated by the buffer).
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.width(of: candidate) > width && !line.isEmpty && out.count < lines - 1 {
                out.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        out.append(line)
        return out
    }
}
