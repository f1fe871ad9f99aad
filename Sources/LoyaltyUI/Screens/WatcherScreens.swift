import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// "Lightspeed customers to link": each Lightspeed customer (name, phone, email, how many sales and when),
/// under it the loyalty customers that match (linked first, then same phone, email, name); below the list the
/// selected customer's queued sales with date, store-clock time and amount; a Y/N question over it all.
public enum UnlinkedScreen {
    public static func render(_ s: UnlinkedState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 6 else { return }
        buffer.draw(WatcherScreensStrings.unlinkedTitle, in: inner.splitTop(1).top, style: .title)
        guard let data = s.data else {
            buffer.draw(AdminStrings.working, in: inner.inset(top: 2).splitTop(1).top, style: .dim)
            return
        }
        let calendar = StoreCalendar(timeZone: TimeZone(identifier: data.timeZoneID) ?? .current)
        let salesRows = min(5, max(0, inner.height - 8))
        let (list, detail) = inner.inset(top: 2).splitBottom(salesRows + 1)
        let rows = s.rows.map { row -> TableRow in
            switch row {
            case .lightspeed(let e):
                let who = data.entries[e].lightspeed
                return TableRow([StyledText(who.fullName.isEmpty ? "(no name)" : who.fullName, style: .emphasis),
                                 StyledText(who.phone ?? ""), StyledText(who.email ?? ""),
                                 StyledText(WatcherScreensStrings.salesLine(who.saleIDs.count,
                                                                            last: calendar.localDate(of: who.lastSale).iso))])
            case .candidate(let e, let c):
                let match = data.entries[e].candidates[c]
                return TableRow([StyledText("  → #\(match.customerID) \(match.name)"), StyledText(match.phone ?? ""),
                                 StyledText(match.email ?? ""),
                                 StyledText(WatcherScreensStrings.reasons(match), style: .dim)])
            }
        }
        TableView(columns: [TableColumn("Lightspeed customer → match", width: .flex(3)),
                            TableColumn("Phone", width: .fixed(12)), TableColumn("Email", width: .flex(2)),
                            TableColumn("Queued sales / why", width: .fixed(24))],
                  rows: rows, selection: s.selection, emptyText: WatcherScreensStrings.emptyQueue)
            .draw(into: &buffer, in: list)
        if let entry = s.selectedEntry, salesRows > 0 {
            var y = detail.y
            let header = entry.candidates.isEmpty ? WatcherScreensStrings.noCandidates
                : "Queued sales of \(entry.lightspeed.fullName) (Lightspeed \(entry.lightspeed.lightspeedCustomerID)):"
            buffer.draw(header, in: Rect(x: detail.x, y: y, width: detail.width, height: 1), style: .dim)
            y += 1
            for sale in entry.lightspeed.sales.suffix(salesRows) {
                let amount = sale.totalCents.map { Money.display(cents: $0) } ?? "?"
                buffer.draw("  \(calendar.timestamp(of: sale.completeTime))  \(amount)  sale \(sale.saleID)",
                            in: Rect(x: detail.x, y: y, width: detail.width, height: 1))
                y += 1
            }
        }
        buffer.cursor = nil
        if let ask = s.ask {
            let message: String
            switch ask {
            case .link(let e, let c):
                let entry = data.entries[e]
                message = WatcherScreensStrings.link(entry.lightspeed.fullName, "#\(entry.candidates[c].customerID) \(entry.candidates[c].name)",
                                                     sales: entry.lightspeed.saleIDs.count)
            case .add(let e):
                let entry = data.entries[e]
                message = WatcherScreensStrings.add(entry.lightspeed.fullName, sales: entry.lightspeed.saleIDs.count)
            }
            ModalDialog(title: WatcherScreensStrings.unlinkedTitle, message: message,
                        actions: Keymaps.unlinked(s).barItems, maxWidth: 70).draw(into: &buffer, in: area)
        }
    }
}

/// The sweep: the date (as Import History's dialog), the progress line while reading, then per customer the
/// units by Import History's status (✓ to add, already exist, no item, refund, possible duplicate, other) and
/// what was added; Enter shows a customer's rows as Import History's review draws them.
public enum SweepScreen {
    public static func render(_ s: SweepState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 6 else { return }
        var y = inner.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < inner.y + inner.height else { return }
            buffer.draw(text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            y += 1
        }
        buffer.cursor = nil
        switch s.phase {
        case .loading:
            line(WatcherScreensStrings.sweepTitle, .title)
            line("")
            line(s.error ?? UIStrings.loading, s.error == nil ? .dim : .error)
        case .choosingDate, .confirmEarlyStart:
            line(WatcherScreensStrings.sweepTitle, .title)
            line("")
            for text in TextWrap.lines(WatcherScreensStrings.sweepIntro, width: inner.width) { line(text, .dim) }
            line("")
            let label = WatcherScreensStrings.sweepFrom + ": "
            buffer.draw(label, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            TextFieldView(s.dateField, isFocused: s.phase == .choosingDate)
                .draw(into: &buffer, in: Rect(x: inner.x + label.count, y: y, width: 12, height: 1))
            y += 1
            line("↑/↓ a day, PgUp/PgDn a month" + (s.goLive.map { "; the store started loyalty \($0.iso)" } ?? ""), .dim)
            if let error = s.error { for text in TextWrap.lines(error, width: inner.width) { line(text, .error) } }
            if case .confirmEarlyStart(let since) = s.phase {
                buffer.cursor = nil
                ModalDialog(title: ImportHistoryUIStrings.earlyTitle,
                            body: ImportHistoryUIStrings.earlyBody(since, goLive: s.goLive).enumerated().map {
                                StyledText($0.element, style: $0.offset == 0 ? .warning : .normal)
                            },
                            actions: Keymaps.sweep(s).barItems, maxWidth: 70).draw(into: &buffer, in: area)
            }
        case .fetching(let since):
            line(WatcherScreensStrings.sweepTitle + " — since " + since.iso, .title)
            line("")
            line(WatcherScreensStrings.fetching(pages: s.pages, sales: s.sales), .emphasis)
        case .results, .confirmAll, .committing:
            results(s, into: &buffer, in: inner)
            if s.phase == .confirmAll {
                let waiting = s.waiting
                ModalDialog(title: WatcherScreensStrings.sweepTitle,
                            message: WatcherScreensStrings.confirmAll(units: waiting.reduce(0) { $0 + $1.summary.toImport },
                                                                      customers: waiting.count),
                            actions: Keymaps.sweep(s).barItems, maxWidth: 70).draw(into: &buffer, in: area)
            }
        case .rows(let i):
            guard s.customers.indices.contains(i) else { return }
            let customer = s.customers[i]
            line("\(WatcherScreensStrings.sweepTitle) — \(customer.name)", .title)
            line(customer.summary.text, .dim)
            let (listArea, _) = Rect(x: inner.x, y: y, width: inner.width, height: inner.y + inner.height - y).splitBottom(0)
            let review = customer.review
            TableView(columns: ImportHistoryReviewScreen.columns(width: listArea.width),
                      rows: review.entries.map { ImportHistoryReviewScreen.row(for: $0, in: review) },
                      selection: s.rowSelection, emptyText: ImportHistoryUIStrings.nothingFound,
                      showsScrollIndicators: true).draw(into: &buffer, in: listArea)
        }
    }

    static func results(_ s: SweepState, into buffer: inout ScreenBuffer, in inner: Rect) {
        guard let result = s.result else { return }
        buffer.draw("\(WatcherScreensStrings.sweepTitle) — since \(result.range.startDate.iso)",
                    in: inner.splitTop(1).top, style: .title)
        let info = inner.inset(top: 1).splitTop(1).top
        buffer.draw("\(result.sales) sales in \(result.pages) requests; \(result.unlinkedSales) of customers linked to nobody",
                    in: info, style: .dim)
        let rows = result.customers.map { c -> TableRow in
            let sum = c.summary
            let done: StyledText
            if let added = s.committed[c.customerID] {
                done = StyledText(WatcherScreensStrings.done(added), style: .success)
            } else if let failure = s.failures[c.customerID] {
                done = StyledText(FeatureStrings.reason(failure), style: .error)
            } else {
                done = StyledText("")
            }
            let other = sum.refunded + sum.removedEarlier + sum.notHandedOver
            return TableRow([StyledText(c.name), StyledText(String(sum.toImport), style: sum.toImport > 0 ? .success : .dim),
                             StyledText(String(sum.alreadyExist), style: .dim), StyledText(String(sum.noItem)),
                             StyledText(String(sum.refund)), StyledText(String(sum.possibleDuplicate)),
                             StyledText(String(other)), done])
        }
        TableView(columns: [TableColumn("Customer", width: .flex(2)),
                            TableColumn("✓ Add", width: .fixed(5), alignment: .right),
                            TableColumn("Exists", width: .fixed(6), alignment: .right),
                            TableColumn("No item", width: .fixed(7), alignment: .right),
                            TableColumn("Refund", width: .fixed(6), alignment: .right),
                            TableColumn("Dup?", width: .fixed(4), alignment: .right),
                            TableColumn("Other", width: .fixed(5), alignment: .right),
                            TableColumn("Done", width: .flex(1))],
                  rows: rows, selection: s.selection, emptyText: "No linked customer bought anything in this range.",
                  showsScrollIndicators: true)
            .draw(into: &buffer, in: inner.inset(top: 3))
    }
}

/// The watcher's settings: on/off, the share of the rate bucket, and the account's shops to tick (none
/// ticked: every shop); where the values come from (the store or the config file).
public enum WatcherSettingsScreen {
    public static func render(_ s: WatcherSettingsState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 6 else { return }
        var y = inner.y
        func line(_ spans: [StyledText]) {
            guard y < inner.y + inner.height else { return }
            buffer.draw(spans: spans, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            y += 1
        }
        buffer.cursor = nil
        line([StyledText(WatcherScreensStrings.settingsTitle, style: .title)])
        guard let data = s.data else {
            line([StyledText(AdminStrings.working, style: .dim)])
            return
        }
        for text in TextWrap.lines(WatcherScreensStrings.settingsIntro, width: inner.width) { line([StyledText(text, style: .dim)]) }
        line([StyledText(data.setInStore ? WatcherScreensStrings.fromStore : WatcherScreensStrings.fromConfig, style: .dim)])
        line([])
        func focus(_ i: Int) -> Style { s.focus == i ? .selection : .normal }
        line([StyledText("Watcher:  ", style: focus(0)), StyledText(s.enabled ? "[x] " : "[ ] ", style: focus(0)),
              StyledText(WatcherScreensStrings.onOff(s.enabled), style: focus(0))])
        line([StyledText("Share:    ", style: focus(1)), StyledText("◀ \(WatcherScreensStrings.share(s.sharePercent)) ▶", style: focus(1))])
        line([])
        line([StyledText("Shops:", style: .emphasis)])
        if let problem = data.shopsProblem { line([StyledText(WatcherScreensStrings.shopsProblem(problem), style: .error)]) }
        for (i, shop) in data.shops.enumerated() {
            let ticked = s.shops.contains(shop.id)
            line([StyledText("  " + (ticked ? "[x] " : "[ ] ") + "\(shop.name) (shop \(shop.id))", style: focus(i + 2))])
        }
        if s.shops.isEmpty { line([StyledText(WatcherScreensStrings.everyShop, style: .dim)]) }
    }
}
