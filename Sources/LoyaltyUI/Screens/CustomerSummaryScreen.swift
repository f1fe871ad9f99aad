import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The read-only customer summary: who they are, their pets and points, and one line per program with the
/// open card's punches and the rewards ready. The checkout screen takes its place in the next issue.
public enum CustomerSummaryScreen {
    public static func render(_ state: CustomerSummaryState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        guard let overview = state.overview else {
            let (titleRow, rest) = inner.splitTop(2)
            buffer.draw(UIStrings.summaryTitle, in: titleRow, style: .title)
            buffer.draw(state.error ?? UIStrings.loading, in: rest.splitTop(1).top,
                        style: state.error == nil ? .dim : .error)
            return
        }
        let c = overview.customer
        var y = inner.y
        func line(_ label: String, _ value: String, style: Style = .normal) {
            guard y < inner.maxY else { return }
            buffer.draw(label, in: Rect(x: inner.x, y: y, width: 12, height: 1), style: .label)
            buffer.draw(value, in: Rect(x: inner.x + 12, y: y, width: inner.width - 12, height: 1), style: style)
            y += 1
        }
        buffer.draw(c.fullName, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .title)
        y += 2
        line(UIStrings.phoneLabel, c.phone.map { Formatting.phone($0) } ?? UIStrings.none)
        line(UIStrings.emailLabel, c.email ?? UIStrings.none)
        line(UIStrings.petsLabel, overview.pets.isEmpty ? UIStrings.none : petList(overview.pets))
        line(UIStrings.pointsLabel, String(overview.pointsBalance))
        line(UIStrings.lightspeedLabel, c.lightspeedCustomerID ?? UIStrings.notLinked)
        y += 1
        guard y < inner.maxY else { return }
        buffer.draw(UIStrings.cardsHeading, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .title)
        y += 1
        let tableArea = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - 1))
        if overview.programs.isEmpty {
            buffer.draw(UIStrings.noCards, in: tableArea.splitTop(1).top, style: .dim)
        } else {
            let table = TableView(
                columns: [TableColumn(UIStrings.columnProgram, width: .fill),
                          TableColumn(UIStrings.columnCard, width: .fixed(10), alignment: .right),
                          TableColumn(UIStrings.columnRewards, width: .fixed(16), alignment: .right),
                          TableColumn(UIStrings.columnRedeemed, width: .fixed(9), alignment: .right)],
                rows: overview.programs.map { p in
                    TableRow([
                        StyledText(p.programName),
                        StyledText(p.openCards == 0 ? "–" : "\(p.openPunches)/\(p.punchesRequired)"),
                        StyledText(p.completeCards == 0 ? "" : "\(p.completeCards) " + UIStrings.rewardEarned,
                                   style: p.completeCards > 0 ? .reward : .normal),
                        StyledText(p.redeemedCards == 0 ? "" : String(p.redeemedCards)),
                    ])
                })
            table.draw(into: &buffer, in: tableArea)
        }
        buffer.draw(UIStrings.summaryNote, in: inner.splitBottom(1).bottom, style: .dim)
    }

    static func petList(_ pets: [Pet]) -> String {
        pets.map { $0.species.isEmpty ? $0.name : "\($0.name) (\($0.species))" }.joined(separator: ", ")
    }
}
