import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// Starting an action on the checkout screen: the role check (a cashier may start a manager action;
/// the override dialog comes after the confirmation), the card it applies to, and its dialog.
extension CheckoutFeature {
    /// The card an action applies to: the one open in the card view, else the selected one.
    static func targetCard(_ s: CheckoutState) -> CheckoutCard? {
        if case .cardDetail(let id, _) = s.modal { return s.data?.card(id) }
        return s.selectedCard
    }

    static func refuse(_ s: inout CheckoutState, _ text: String) -> [Effect] {
        s.notice = .error(text)
        return []
    }

    /// Cashiers may start a manager action (the override dialog asks for a PIN); anything else beyond
    /// the role is refused here, before any dialog.
    static func mayStart(_ action: Action, _ s: inout CheckoutState, _ session: Session) -> Bool {
        if session.may(action) || action.allowsManagerOverride { return true }
        s.notice = .error(FeatureStrings.notAllowed(action))
        return false
    }

    static func openCard(_ s: inout CheckoutState) -> [Effect] {
        guard let card = s.selectedCard else { return refuse(&s, CheckoutStrings.noCardSelected) }
        s.modal = .cardDetail(cardID: card.id, ListSelection(count: card.detail.punches.count))
        return []
    }

    static func requestRedeem(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.redeem, &s, session) else { return [] }
        guard let card = targetCard(s) else { return refuse(&s, CheckoutStrings.noCardSelected) }
        // Core's redeem rule decides (the store asks it again with the chosen item).
        do throws(CardRefusal) { try CardRules.mayRedeem(card.status) } catch { return refuse(&s, error.description) }
        let items = s.data?.program(card.program.id)?.items ?? []
        s.modal = .redeemPick(cardID: card.id, ListSelection(count: items.count))
        return []
    }

    static func requestUndo(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.undoTodaysPunch, &s, session) else { return [] }
        let scans = s.todaysScans
        guard !scans.isEmpty else { return refuse(&s, CheckoutStrings.noTodaysPurchases) }
        s.modal = .undoPick(ListSelection(count: scans.count))
        return []
    }

    static func requestException(_ s: inout CheckoutState, _ session: Session, upc: UPC?, quantity: Int = 1) -> [Effect] {
        guard mayStart(.addException, &s, session) else { return [] }
        guard let data = s.data, !data.programs.isEmpty else { return refuse(&s, CheckoutStrings.chooseProgram) }
        // No program chosen for the cashier: the selected card is often not the item's (an unknown UPC's
        // scan), and a wrong default is easily confirmed. Typing the program's name jumps to it.
        var form = CheckoutForm([
            .init(CheckoutStrings.fieldProgram, .choice(data.programs.map(\.program.name), selected: -1)),
            .init(CheckoutStrings.fieldReason, .choice(ExceptionReason.choices.map(\.label), selected: 0)),
            .init(CheckoutStrings.fieldOtherReason, .text(TextFieldState(maxLength: 120))),
            .init(CheckoutStrings.fieldItem, .text(TextFieldState(maxLength: 120))),
            .init(CheckoutStrings.fieldUPC, .text(TextFieldState(text: upc?.display ?? "", maxLength: 14, allowed: .digits))),
            .init(CheckoutStrings.fieldQuantity, .text(TextFieldState(text: String(quantity), maxLength: 3, allowed: .digits))),
        ], focus: 0)
        form.fields[2].isVisible = false
        s.modal = .exception(form, fromScan: upc != nil)
        return []
    }

    static func requestPaper(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.convertPaperCard, &s, session) else { return [] }
        guard let data = s.data, !data.programs.isEmpty else { return refuse(&s, CheckoutStrings.chooseProgram) }
        // The selected card's program when a card is selected; else none (not the first alphabetically).
        let programIndex = targetCard(s).flatMap { card in data.programs.firstIndex { $0.program.id == card.program.id } } ?? -1
        s.modal = .paper(CheckoutForm([
            .init(CheckoutStrings.fieldProgram, .choice(data.programs.map(\.program.name), selected: programIndex)),
            .init(CheckoutStrings.fieldPunches, .text(TextFieldState(maxLength: 3, allowed: .digits))),
            .init(CheckoutStrings.fieldFirstDate, .text(TextFieldState(maxLength: 10, allowed: .date))),
            .init(CheckoutStrings.fieldLastDate, .text(TextFieldState(maxLength: 10, allowed: .date))),
        ]))
        return []
    }

    static func requestSplit(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.splitCard, &s, session) else { return [] }
        guard let card = targetCard(s) else { return refuse(&s, CheckoutStrings.noCardSelected) }
        do throws(CardRefusal) { try CardSplit.maySplit(card.status, countingPunches: card.counting.count) } catch {
            return refuse(&s, error.description)
        }
        s.modal = .split(cardID: card.id, marked: [], ListSelection(count: card.counting.count))
        s.notice = StatusMessage(CheckoutStrings.splitMarkHint)
        return []
    }

    static func requestNote(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.editCardNote, &s, session) else { return [] }
        guard let card = targetCard(s) else { return refuse(&s, CheckoutStrings.noCardSelected) }
        s.modal = .note(CheckoutForm([.init(CheckoutStrings.fieldNote,
                                            .text(TextFieldState(text: card.card.note, maxLength: 200)))]),
                        cardID: card.id)
        return []
    }

    static func requestPoints(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.redeemPointsReward, &s, session) else { return [] }
        guard let data = s.data, data.pointsEnabled else { return refuse(&s, CheckoutStrings.pointsOff) }
        guard !data.pointsRewards.isEmpty else { return refuse(&s, CheckoutStrings.noPointsRewards) }
        s.modal = .pointsPick(ListSelection(count: data.pointsRewards.count))
        return []
    }

    static func requestRemove(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard case .cardDetail(let cardID, let list) = s.modal, let card = s.data?.card(cardID),
              let i = list.index, card.detail.punches.indices.contains(i) else { return [] }
        guard mayStart(.removePunch, &s, session) else { return [] }
        let punch = card.detail.punches[i]
        // Core's rule, before the reason is typed (a stand-in reason; the dialog asks the rule again with
        // the real one).
        do throws(CardRefusal) {
            _ = try CardRules.removePunch(punch, from: card.status, reason: "check")
        } catch {
            if error == .cardRedeemed {
                return offerUndoRedemption(&s, card, punch: punch, refusal: error.description, session)
            }
            return refuse(&s, error.description)
        }
        s.modal = .removeReason(ManagerStrings.removeReasonForm(), punchID: punch.id)
        return []
    }
}
