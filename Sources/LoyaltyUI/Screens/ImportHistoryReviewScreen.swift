import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The review list — the screen the cashier decides on: one row per sale line (date, UPC, item, quantity,
/// status) sorted by date, statuses drawn as in the product (Transaction Already Exists dimmed, No Item in
/// its own colour, a green ✓ for what will be added; Refund and Possible duplicate each distinct), a check
/// column for what Agree adds, and the summary: counts, points, and which cards the import completes.
enum ImportHistoryReviewScreen {
    static func render(_ s: ImportHistoryState, into buffer: inout ScreenBuffer, in area: Rect) {
        guard let review = s.review else { return }
        let name = s.context?.customerName ?? ""
        let (titleRow, rest1) = area.splitTop(1)
        let (infoRow, rest2) = rest1.splitTop(1)
        let (listArea, footer) = rest2.splitBottom(2)
        let (summaryRow, completesRow) = footer.splitTop(1)

        let range = ImportHistoryUIStrings.range(review)
        let (titleRect, rangeRect) = titleRow.splitRight(min(titleRow.width / 2, TextWidth.width(of: range)))
        buffer.draw(ImportHistoryUIStrings.title(name), in: titleRect, style: .title)
        buffer.draw(range, in: rangeRect, style: .dim, alignment: .right)
        buffer.draw(ImportHistoryUIStrings.fetched(review.fetched), in: infoRow, style: .dim)

        let entries = review.entries
        let rows = entries.map { row(for: $0, in: review) }
        let longestStatus = rows.map { TextWidth.width(of: $0.cells.last?.text ?? "") }.max() ?? 0
        let table = TableView(columns: columns(width: listArea.width, longestStatus: longestStatus), rows: rows,
                              selection: s.selection, emptyText: ImportHistoryUIStrings.nothingFound,
                              showsScrollIndicators: true)
        table.draw(into: &buffer, in: listArea)

        buffer.draw(ImportHistoryUIStrings.summary(review, width: summaryRow.width), in: summaryRow, style: .emphasis)
        let completions = review.completions
        buffer.draw(ImportHistoryUIStrings.completes(completions), in: completesRow,
                    style: completions.isEmpty ? .dim : .reward)
        buffer.cursor = nil
    }

    /// Check, date, UPC, item (takes the rest, truncated with …), quantity, status (fits its longest words: 40
    /// on a wide screen; below 100 columns at least "Transaction Already Exists", more for "Removed earlier (by …)"
    /// with its username, up to 32 so that the item stays readable).
    static func columns(width: Int, longestStatus: Int = 0) -> [TableColumn] {
        let statusWidth = width >= 100 ? 40 : min(max(26, longestStatus), 32)
        return [TableColumn("", width: .fixed(3)),
                TableColumn(ImportHistoryUIStrings.columnDate, width: .fixed(10)),
                TableColumn(ImportHistoryUIStrings.columnUPC, width: .fixed(13)),
                TableColumn(ImportHistoryUIStrings.columnItem, width: .fill),
                TableColumn(ImportHistoryUIStrings.columnQty, width: .fixed(3), alignment: .right),
                TableColumn(ImportHistoryUIStrings.columnStatus, width: .fixed(statusWidth))]
    }

    static func row(for entry: ImportEntry, in review: ImportReview) -> TableRow {
        switch entry {
        case .line(let i): return row(review.rows[i])
        case .points(let i):
            let p = review.points[i]
            return TableRow([StyledText(p.checked ? "[x]" : "[ ]", style: p.checked ? .success : .normal),
                             StyledText(p.candidate.date.iso), StyledText(""),
                             StyledText(ImportHistoryUIStrings.pointsItem(p.candidate.sale.saleID)),
                             StyledText(""),
                             StyledText(ImportHistoryUIStrings.pointsStatus(p.candidate.points),
                                        style: p.checked ? .success : .dim)])
        }
    }

    static func row(_ r: ImportRow) -> TableRow {
        let check: StyledText
        if r.status.isSelectable || r.exceptionReason != nil {
            check = StyledText(r.checked ? "[x]" : "[ ]", style: r.checked ? .success : .normal)
        } else {
            check = StyledText("")
        }
        let base: Style = r.status == .alreadyExists || r.status == .refunded ? .dim : .normal
        var status = StyledText(r.status.label, style: statusStyle(r))
        if r.status == .removedEarlier, let removal = r.removal {
            // Who removed it is on the row itself; when and why are in the details (Enter).
            status = StyledText(r.status.label + ImportHistoryUIStrings.removedBy(removal.removedBy), style: statusStyle(r))
        }
        if r.status == .noItem && r.exceptionReason != nil {
            status = StyledText(r.status.label + ImportHistoryUIStrings.exceptionSuffix,
                                style: r.checked ? .exception : .noItem)
        }
        return TableRow([check, StyledText(r.purchaseDate.iso, style: base),
                         StyledText(r.line.upc?.display ?? "", style: base),
                         StyledText(r.line.description, style: base),
                         StyledText(String(r.quantity), style: base), status], style: base)
    }

    static func statusStyle(_ r: ImportRow) -> Style {
        switch r.status {
        case .alreadyExists: .dim
        case .noItem: .noItem
        case .willImport: r.checked ? .success : .dim
        case .refund: .emphasis
        case .possibleDuplicate: .warning
        case .refunded: .dim
        case .removedEarlier: r.checked ? .success : .removed
        case .notHandedOver: .dim
        }
    }

    // MARK: - Dialogs over the list

    static func drawModal(_ s: ImportHistoryState, into buffer: inout ScreenBuffer, in area: Rect) {
        guard let modal = s.modal, let review = s.review else { return }
        let actions = Keymaps.importHistory(s).barItems.filter { $0.key != "?" && $0.key != "F1" }
        switch modal {
        case .details(let entry):
            ModalDialog(title: ImportHistoryUIStrings.detailsTitle, body: details(entry, review).map { StyledText($0) },
                        actions: actions, maxWidth: 76).draw(into: &buffer, in: area)
        case .exception(let form, _):
            CheckoutDialogs.formDialog(title: ImportHistoryUIStrings.exceptionTitle,
                                       intro: ImportHistoryUIStrings.exceptionIntro, form: form, checking: false,
                                       actions: actions, into: &buffer, in: area)
        case .override(let form, _, _, _, let checking):
            CheckoutDialogs.formDialog(title: ImportHistoryUIStrings.overrideTitle,
                                       intro: ImportHistoryUIStrings.overrideIntro, form: form, checking: checking,
                                       actions: actions, into: &buffer, in: area)
        }
    }

    /// Sale ID, ticket number, time (store-local), register, employee; then the line itself.
    static func details(_ entry: ImportEntry, _ review: ImportReview) -> [String] {
        let zone = TimeZone(identifier: review.timeZoneID) ?? TimeZone(secondsFromGMT: 0)!
        switch entry {
        case .line(let i):
            let r = review.rows[i]
            var lines = [
                "Sale ID: \(r.line.saleID)",
                "Ticket number: \(r.line.ticketNumber ?? "—")",
                "Time: \(time(r.line.completedAt, zone))",
                "Register: \(r.line.register ?? "—")",
                "Employee: \(r.line.employee ?? "—")",
                "Sale line: \(r.line.saleLineID)" + (r.line.parentSaleLineID.map { " (refunds line \($0))" } ?? ""),
                "UPC: \(r.line.upc?.display ?? "none")",
                "Item: \(r.line.description)",
                "Quantity: \(r.quantity)" + (r.quantity != r.line.quantity ? " of \(r.line.quantity) on the line" : ""),
                "Status: \(r.status.label)",
            ]
            if let reason = r.exceptionReason { lines.append("Exception: \(reason)") }
            if let removal = r.removal {
                lines.append("Removed by \(removal.removedBy) on \(time(removal.removedAt, zone)): \(removal.reason)")
            }
            if !r.matchedPunchIDs.isEmpty {
                lines.append("Punches on record: " + r.matchedPunchIDs.map { "#\($0)" }.joined(separator: ", "))
            }
            return lines
        case .points(let i):
            let p = review.points[i]
            return ["Sale ID: \(p.candidate.sale.saleID)",
                    "Ticket number: \(p.ticketNumber.isEmpty ? "—" : p.ticketNumber)",
                    "Time: \(time(p.candidate.sale.completedAt, zone))",
                    "Subtotal: \(Money.display(cents: p.candidate.sale.subtotalCents))",
                    "Points: \(ImportHistoryUIStrings.pointsStatus(p.candidate.points))"]
        }
    }

    static func time(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
            + " (store time)"
    }
}
