import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Combine duplicate customers (manager): the two side by side — name, phone, email, points, Lightspeed
/// link, cards per program with their counts — then what the combine moves, and the confirmation.
public enum ManagerCombineScreen {
    public static func render(_ state: CombineState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let (titleRow, rest) = inner.splitTop(1)
        buffer.draw(ManagerUIStrings.combineTitle, in: titleRow, style: .title)
        guard let preview = state.preview else {
            buffer.draw(state.error ?? ManagerUIStrings.loading, in: rest.splitTop(1).top,
                        style: state.error == nil ? .dim : .error)
            return
        }
        let (sides, bottom) = rest.splitBottom(5)
        let halves = sides.columns([.fill, .fill], spacing: 2)
        side(ManagerUIStrings.primary, preview.primary, style: .success, into: &buffer, in: halves[0])
        side(ManagerUIStrings.duplicate, preview.duplicate, style: .warning, into: &buffer, in: halves[1])

        let lines = summary(state, preview)
        for (i, line) in lines.prefix(bottom.height).enumerated() {
            buffer.draw(line.text, in: Rect(x: bottom.x, y: bottom.y + i, width: bottom.width, height: 1),
                        style: line.style)
        }
        if state.confirming {
            buffer.cursor = nil
            var body = [StyledText(ManagerUIStrings.confirmBody(preview.duplicate.customer.fullName,
                                                               preview.primary.customer.fullName))]
            if state.sharesNothing {
                body.append(StyledText(state.confirmingUnrelated ? ManagerUIStrings.unrelatedAgain
                                                                 : ManagerUIStrings.unrelated, style: .warning))
            }
            ModalDialog(title: state.confirmingUnrelated ? ManagerUIStrings.unrelatedTitle : ManagerUIStrings.confirmTitle,
                        body: body, actions: Keymaps.combineConfirm.barItems).draw(into: &buffer, in: area)
        }
    }

    static func side(_ heading: String, _ d: CustomerDetail, style: Style, into buffer: inout ScreenBuffer,
                     in rect: Rect) {
        var lines: [StyledText] = [
            StyledText(heading, style: style),
            StyledText("#\(d.customer.id) \(d.customer.fullName)", style: .emphasis),
            StyledText("\(ManagerUIStrings.phone): \(Formatting.phone(d.customer.phone))"),
            StyledText("\(ManagerUIStrings.email): \(d.customer.email ?? "")"),
            StyledText("\(ManagerUIStrings.points): \(d.pointsBalance)"),
            StyledText("\(ManagerUIStrings.lightspeed): \(d.customer.lightspeedCustomerID ?? ManagerUIStrings.notLinked)"),
            StyledText("\(ManagerUIStrings.cards):", style: .label),
        ]
        if d.programs.isEmpty { lines.append(StyledText("  " + ManagerUIStrings.noCards, style: .dim)) }
        for entry in d.programs {
            for card in entry.cards {
                let stateWord = card.card.state == .open ? "" : " \(card.card.state.rawValue)"
                lines.append(StyledText("  \(entry.program.name) \(card.countingPunches)/\(entry.program.punchesRequired)"
                                        + stateWord, style: card.card.state == .complete ? .reward : .normal))
            }
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            buffer.draw(line.text, in: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1), style: line.style)
        }
    }

    static func summary(_ state: CombineState, _ preview: CombinePreview) -> [StyledText] {
        var lines: [StyledText] = []
        if let plan = preview.plan {
            lines.append(StyledText(ManagerUIStrings.willMove(cards: plan.cardsToMove.count, punches: plan.movedPunches,
                                                             points: plan.movedPoints)))
            lines.append(StyledText(ManagerUIStrings.linkSurvives(plan.lightspeedCustomerID)))
            if let copies = ManagerUIStrings.copies(phone: plan.phoneToCopy, email: plan.emailToCopy) {
                lines.append(StyledText(copies))
            }
        } else if let refusal = preview.refusalSentence {
            lines.append(StyledText(refusal, style: .error))
        }
        lines.append(StyledText(ManagerUIStrings.joins(preview.plan?.joins.count ?? preview.joins.count,
                                                       on: state.joinOpenCards), style: .dim))
        return lines
    }
}
