import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The checkout screen: the customer header (with Import History right under the name), the scan
/// field, the punch cards grouped by program, Today's Purchases and the legend; any dialog on top.
/// Larger terminals get two rows per card and more of Today's Purchases.
public enum CheckoutScreen {
    public static func render(_ s: CheckoutState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        guard let data = s.data else {
            let (titleRow, rest) = inner.splitTop(2)
            buffer.draw(CheckoutUIStrings.title, in: titleRow, style: .title)
            buffer.draw(s.error ?? UIStrings.loading, in: rest.splitTop(1).top, style: s.error == nil ? .dim : .error)
            return
        }
        let layout = Layout(s, in: area)
        drawHeader(s, data, into: &buffer, in: layout.header)
        drawCards(s, data, layout, into: &buffer)
        drawToday(s.todaysGroups, kept: s.kept, data, rows: layout.todayRows, into: &buffer, in: layout.today)
        drawLegend(into: &buffer, in: layout.legend)
        CheckoutDialogs.draw(s, into: &buffer, in: area)
    }

    /// Where everything goes at this size: the single source of the checkout's layout. The renderer draws
    /// by it, and the shell tells the view-model `visibleCards` (`CheckoutMsg.visibleRows`) so PgUp/PgDn
    /// page by exactly the cards on screen.
    struct Layout {
        var header: Rect
        var cardsHeading: Rect
        var cardList: Rect
        var today: Rect
        var todayRows: Int
        var legend: Rect
        /// Screen rows per card: two (name and details) when every card fits that way on a wide list.
        var rowsPerCard: Int
        /// Cards shown at once.
        var visibleCards: Int { cardList.height / rowsPerCard }

        init(_ s: CheckoutState, in area: Rect) {
            let inner = area.inset(left: 1, right: 1)
            let (header, rest) = inner.splitTop(4)
            let (body, legend) = rest.splitBottom(1)
            // Today's Purchases takes what the cards leave (never less than it used to get), one line a scan.
            let least = body.height >= 30 ? 8 : (body.height >= 16 ? 4 : 2)
            let cardsNeed = 1 + max(1, s.visibleCards.count)
            let todayRows = min(max(1, s.todaysGroups.count + s.kept.count), max(least, body.height - 1 - cardsNeed))
            let (cardsArea, today) = body.splitBottom(1 + todayRows)
            let (heading, list) = cardsArea.splitTop(min(1, cardsArea.height))
            self.header = header
            self.cardsHeading = heading
            self.cardList = list
            self.today = today
            self.todayRows = todayRows
            self.legend = legend
            rowsPerCard = s.visibleCards.count * 2 <= list.height && list.width >= 60 ? 2 : 1
        }
    }

    /// The number of cards the checkout shows at once in `area` (what PgDn pages by).
    public static func visibleCards(_ s: CheckoutState, in area: Rect) -> Int {
        max(1, Layout(s, in: area).visibleCards)
    }

    // MARK: - Header

    static func drawHeader(_ s: CheckoutState, _ data: CheckoutData, into buffer: inout ScreenBuffer, in rect: Rect) {
        let rows = rect.rows([.fixed(1), .fixed(1), .fixed(1), .fixed(1)])
        let c = data.customer
        let right0 = [Formatting.phone(c.phone), CheckoutUIStrings.points(data.detail.pointsBalance)]
            .filter { !$0.isEmpty }.joined(separator: "  ·  ")
        let (nameRect, rightRect) = rows[0].splitRight(min(rows[0].width / 2, TextWidth.width(of: right0)))
        buffer.draw(c.fullName, in: nameRect, style: .title)
        buffer.draw(right0, in: rightRect, style: .emphasis, alignment: .right)

        let lastImport = c.lastRealtimeImport.map { data.localDate(of: $0).iso }
        let link = CheckoutUIStrings.lightspeed(c.lightspeedCustomerID)
        let (importRect, linkRect) = rows[1].splitRight(min(rows[1].width / 3, TextWidth.width(of: link)))
        buffer.draw(spans: [StyledText("I", style: .helpKey), StyledText(" " + CheckoutUIStrings.importHistory, style: .label),
                            StyledText("  " + CheckoutUIStrings.lastImport(lastImport), style: .dim)], in: importRect)
        buffer.draw(link, in: linkRect, style: c.lightspeedCustomerID == nil ? .dim : .normal, alignment: .right)

        var contact: [String] = []
        if let email = c.email { contact.append(email) }
        if !data.detail.pets.isEmpty {
            contact.append(data.detail.pets.map { $0.species.isEmpty ? $0.name : "\($0.name) (\($0.species))" }
                .joined(separator: ", "))
        }
        if let waiting = CheckoutUIStrings.waiting(data.waitingSaleIDs) {
            let (contactRect, waitRect) = rows[2].splitRight(min(rows[2].width * 2 / 3, TextWidth.width(of: waiting)))
            buffer.draw(contact.joined(separator: "  ·  "), in: contactRect.inset(right: 2), style: .normal)
            buffer.draw(waiting, in: waitRect, style: .warning, alignment: .right)
        } else {
            buffer.draw(contact.joined(separator: "  ·  "), in: rows[2], style: .normal)
        }

        let label = CheckoutUIStrings.scanLabel + ": "
        let (labelRect, fieldArea) = rows[3].splitLeft(TextWidth.width(of: label))
        buffer.draw(label, in: labelRect, style: .label)
        let (fieldRect, busyRect) = fieldArea.splitLeft(min(fieldArea.width, 28))
        TextFieldView(s.scan, isFocused: !s.modalTakesTyping, placeholder: CheckoutUIStrings.scanPlaceholder)
            .draw(into: &buffer, in: fieldRect)
        if s.inFlight > 0 {
            buffer.draw(CheckoutUIStrings.recording(s.inFlight), in: busyRect.inset(left: 2), style: .dim)
        }
    }

    // MARK: - Cards

    static func drawCards(_ s: CheckoutState, _ data: CheckoutData, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let headingRow = layout.cardsHeading, list = layout.cardList
        guard headingRow.height > 0 else { return }
        let cards = s.visibleCards
        let all = data.allCards
        let counts = CheckoutUIStrings.cardCounts(open: all.filter { $0.card.state == .open }.count,
                                                  ready: all.filter(\.isComplete).count,
                                                  redeemed: s.redeemedCount, showing: s.showsRedeemed)
        let perCard = layout.rowsPerCard
        let range = s.selection.visibleRange(rows: layout.visibleCards)
        var heading = counts
        if range.count < cards.count {
            heading += "  ·  \(range.lowerBound + 1)–\(range.upperBound) of \(cards.count)"
        }
        buffer.draw(spans: [StyledText(CheckoutUIStrings.cardsHeading, style: .title),
                            StyledText("  " + heading, style: .dim)], in: headingRow)
        if cards.isEmpty {
            buffer.draw(CheckoutUIStrings.noCards, in: list.splitTop(1).top, style: .dim)
            return
        }
        for (line, index) in range.enumerated() {
            let y = list.y + line * perCard
            drawCard(cards[index], data: data, selected: s.selection.index == index,
                     justCompleted: s.justCompleted.contains(cards[index].id),
                     into: &buffer, in: Rect(x: list.x, y: y, width: list.width, height: perCard))
        }
    }

    static func drawCard(_ card: CheckoutCard, data: CheckoutData, selected: Bool, justCompleted: Bool,
                         into buffer: inout ScreenBuffer, in rect: Rect) {
        let w = rect.width
        let n = card.program.punchesRequired
        // The name takes what the widest card (13 boxes) and the reward column leave, within limits.
        let trailingMin = 16
        let nameWidth = min(34, max(14, w - 2 - 1 - PunchCardView.width(punchesRequired: 13, boxWidth: 2) - 1 - 7 - trailingMin))
        let boxWidth = PunchCardView.width(punchesRequired: n, boxWidth: 2) <= w - 2 - nameWidth - 1 - 7 - trailingMin ? 2 : 1
        let boxesWidth = PunchCardView.width(punchesRequired: n, boxWidth: boxWidth)
        let row = Rect(x: rect.x, y: rect.y, width: w, height: 1)
        let redeemed = card.card.state == .redeemed
        let nameStyle: Style = selected ? .selection : (redeemed ? .dim : .emphasis)
        // "(2)" tells a program's cards apart: it survives truncation of a long name.
        let suffix = card.ofProgram > 1 ? " (\(card.number))" : ""
        let name = TextWidth.truncate(card.program.name, toWidth: nameWidth - TextWidth.width(of: suffix)) + suffix
        buffer.draw((selected ? "▸ " : "  ") + name, in: row.splitLeft(2 + nameWidth).left, style: nameStyle)
        var x = row.x + 2 + nameWidth + 1
        let boxes = Rect(x: x, y: row.y, width: boxesWidth, height: 1)
        PunchCardView(punches: card.detail.punches, punchesRequired: n).draw(into: &buffer, in: boxes)
        x += boxesWidth + 1
        buffer.draw(card.status.progress, in: Rect(x: x, y: row.y, width: 5, height: 1),
                    style: card.isComplete ? .reward : (redeemed ? .dim : .normal), alignment: .right)
        x += 7
        let trailing = Rect(x: x, y: row.y, width: max(0, row.maxX - x), height: 1)
        if redeemed {
            buffer.draw(redeemedText(card, data), in: trailing, style: .dim)
        } else if card.isComplete {
            buffer.draw(CheckoutUIStrings.rewardEarned, in: trailing, style: justCompleted ? .success : .reward)
        } else {
            buffer.draw(card.program.rewardRule, in: trailing, style: .dim)
        }
        guard rect.height >= 2 else { return }
        var details: [String] = []
        if card.isComplete || redeemed { details.append(card.program.rewardRule) }
        if card.ofProgram > 1 { details.append(CheckoutUIStrings.cardOf(card.number, card.ofProgram)) }
        if let months = card.program.completionWindowMonths { details.append(CheckoutUIStrings.window(months)) }
        if !card.card.note.isEmpty { details.append(card.card.note) }
        buffer.draw(details.joined(separator: "  ·  "), in: Rect(x: rect.x + 4, y: rect.y + 1, width: w - 4, height: 1),
                    style: .dim)
    }

    static func redeemedText(_ card: CheckoutCard, _ data: CheckoutData) -> String {
        let date = card.card.redeemedAt.map { data.localDate(of: $0).iso } ?? ""
        let item = card.card.rewardUPC.map { upc in
            data.program(card.program.id)?.items.first { $0.upc == upc }?.description ?? upc.display
        } ?? ""
        return CheckoutUIStrings.redeemed(date, by: card.card.redeemedBy ?? "", item: item)
    }

    // MARK: - Today's Purchases

    /// Kept scans (made while the store's server was unreachable) come first, newest first, as pending lines:
    /// they are not on the cards until the server has them.
    static func drawToday(_ today: [PurchaseGroup], kept: [QueuedScan] = [], _ data: CheckoutData, rows: Int,
                          into buffer: inout ScreenBuffer, in rect: Rect) {
        guard rect.height > 0 else { return }
        var (headingRow, list) = rect.splitTop(1)
        buffer.draw(CheckoutUIStrings.todayHeading(today.reduce(0) { $0 + $1.count }), in: headingRow, style: .title)
        let pending = Array(kept.reversed().prefix(max(0, rows)))
        for (i, scan) in pending.enumerated() {
            let item = data.program(of: scan.upc)?.items.first { $0.upc == scan.upc }?.description ?? scan.upc.display
            let row = Rect(x: list.x, y: list.y + i, width: list.width, height: 1)
            buffer.draw(spans: [StyledText("⋯", style: scan.isRefused ? .error : .dim),
                                StyledText(" " + Formatting.clock(scan.scannedAt, zone: data.timeZoneID) + " ", style: .dim),
                                StyledText(CheckoutUIStrings.units(scan.quantity, item) + "  "),
                                StyledText(scan.isRefused ? OfflineStrings.refusedLine : OfflineStrings.keptLine,
                                           style: scan.isRefused ? .error : .dim)],
                        in: row)
        }
        let rows = rows - pending.count
        list = Rect(x: list.x, y: list.y + pending.count, width: list.width, height: max(0, list.height - pending.count))
        guard rows > 0 else { return }
        if today.isEmpty {
            if pending.isEmpty { buffer.draw(CheckoutUIStrings.noneToday, in: list.splitTop(1).top, style: .dim) }
            return
        }
        let shown = today.count > rows ? rows - 1 : rows
        let programOf = Dictionary(data.allCards.map { ($0.id, $0.program.name) }, uniquingKeysWith: { a, _ in a })
        let table = TableView(
            columns: [TableColumn("", width: .fixed(1)), TableColumn("", width: .fixed(5)), TableColumn("", width: .flex(3)),
                      TableColumn("", width: .fixed(14)), TableColumn("", width: .flex(2)), TableColumn("", width: .fixed(9)),
                      TableColumn("", width: .fixed(10))],
            rows: today.prefix(max(0, shown)).map { group in
                let punch = group.first
                let mark = PunchCardView.mark(punch.source)
                return TableRow([mark, StyledText(Formatting.clock(punch.recordedAt, zone: data.timeZoneID), style: .dim),
                                 StyledText(CheckoutUIStrings.units(group.count, punch.itemDescription)),
                                 StyledText(punch.upc?.display ?? ""),
                                 StyledText(group.cardIDs.compactMap { programOf[$0] }.first ?? "", style: .dim),
                                 StyledText(punch.source.rawValue, style: mark.style),
                                 StyledText(punch.recordedBy, style: .dim)])
            },
            showsHeader: false)
        table.draw(into: &buffer, in: list.splitTop(max(0, shown)).top)
        if today.count > rows {
            buffer.draw(CheckoutUIStrings.andMore(today.count - shown),
                        in: Rect(x: list.x, y: list.y + shown, width: list.width, height: 1), style: .dim)
        }
    }

    // MARK: - Legend

    static func drawLegend(into buffer: inout ScreenBuffer, in rect: Rect) {
        let entries: [(StyledText, String)] = [
            (PunchCardView.mark(.counter), CheckoutUIStrings.legendCounter),
            (PunchCardView.mark(.import), CheckoutUIStrings.legendImport),
            (PunchCardView.mark(.exception), CheckoutUIStrings.legendException),
            (PunchCardView.mark(.paper), CheckoutUIStrings.legendPaper),
            (PunchCardView.empty, CheckoutUIStrings.legendEmpty),
        ]
        var spans: [StyledText] = []
        for (i, (mark, text)) in entries.enumerated() {
            spans.append(StyledText(i == 0 ? "" : "   "))
            spans.append(mark)
            spans.append(StyledText(" " + text, style: .dim))
        }
        buffer.draw(spans: spans, in: rect)
    }
}
