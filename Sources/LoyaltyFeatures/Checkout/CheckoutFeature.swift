import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The checkout screen's rules: scanning, the actions on cards and the dialogs that confirm them,
/// roles (a cashier's manager action goes through the override dialog), and the store's answers.
/// Leaving, editing the customer and Import History are navigation: `AppFeature` handles them.
public enum CheckoutFeature {
    /// Rows a dialog's list pages by (the renderer keeps the selection visible whatever its height).
    static let dialogRows = 8

    public static func update(_ s: inout CheckoutState, _ msg: CheckoutMsg, session: Session) -> [Effect] {
        switch msg {
        case .scanKey(let key):
            if s.modalTakesTyping { return update(&s, .modalEdit(key), session: session) }
            if case .paste(let text) = key { return pasteScan(&s, text, session) }
            s.scan.handle(key)
            return []

        case .enter:
            if !s.modalTakesTyping && !s.scan.text.isEmpty { return submitScan(&s, session) }
            if let modal = s.modal {
                let effects = enter(&s, modal, session)
                rememberWayBack(&s, from: modal)
                return effects
            }
            return openCard(&s)

        case .escape:
            if case .override(_, _, checking: true) = s.modal { return [] }
            // N at a confirmation goes back to the dialog it came from, with its marks and fields.
            if case .confirm(let pending) = s.modal, let back = pending.back {
                s.modal = back
                return []
            }
            s.modal = nil
            return []

        case .move(let key):
            moveInModal(&s, key)
            return []

        case .visibleRows(let rows):
            s.pageRows = max(1, rows)
            s.selection.setCount(s.visibleCards.count, visibleRows: s.pageRows)
            return []

        case .toggleHistory:
            toggleHistory(&s)
            return []

        case .openCard: return openCard(&s)
        case .requestRedeem: return requestRedeem(&s, session)
        case .requestUndo: return requestUndo(&s, session)
        case .requestException: return requestException(&s, session, upc: nil)
        case .requestPaper: return requestPaper(&s, session)
        case .requestSplit: return requestSplit(&s, session)
        case .requestNote: return requestNote(&s, session)
        case .requestPointsReward: return requestPoints(&s, session)
        case .requestRemovePunch: return requestRemove(&s, session)
        case .requestUndoRedemption: return requestUndoRedemption(&s, session)

        case .addAsException:
            guard case .unknownUPC(let upc, let quantity) = s.modal else { return [] }
            return requestException(&s, session, upc: upc, quantity: quantity)

        case .importHistory, .editCustomer, .leave:
            return []

        case .reload:
            s.error = nil
            return [.checkout(.load(customerID: s.customerID))]

        case .modalEdit(let key):
            editForm(&s) { $0.edit(key) }
            return []
        case .modalNextField:
            editForm(&s) { $0.next() }
            return []
        case .modalPreviousField:
            editForm(&s) { $0.previous() }
            return []
        case .modalSubmit:
            let before = s.modal
            let effects = submitForm(&s, session)
            if let before { rememberWayBack(&s, from: before) }
            return effects

        case .toggleMark:
            guard case .split(let cardID, var marked, let list) = s.modal,
                  let card = s.data?.card(cardID), let i = list.index, card.counting.indices.contains(i) else { return [] }
            let id = card.counting[i].id
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            var moved = list
            moved.moveDown(visibleRows: dialogRows)
            s.modal = .split(cardID: cardID, marked: marked, moved)
            return []

        case .confirm:
            guard case .confirm(let pending) = s.modal else { return [] }
            return dispatch(&s, pending, session)

        // Results
        case .loaded(let data):
            guard data.detail.customer.id == s.customerID || data.detail.requestedID == s.customerID else { return [] }
            apply(&s, data)
            return []

        case .loadFailed(let id, let failure):
            guard id == s.customerID else { return [] }
            s.error = CheckoutStrings.failed(failure)
            return []

        case .actionDone(let action, let result, let data):
            s.inFlight = max(0, s.inFlight - 1)
            if let data { apply(&s, data) }
            if case .override(_, let pending, true) = s.modal, pending.action == action { s.modal = nil }
            s.notice = .success(doneMessage(action, result, s))
            if let next = s.afterDone, next.action == action {
                s.afterDone = nil
                if s.modal == nil { s.modal = next.modal }
                if let words = next.notice { s.notice = .success((s.notice.map { $0.text + " " } ?? "") + words) }
            }
            if case .purchase(let purchase) = result {
                s.justCompleted.formUnion(purchase.completedCardIDs)
                if let last = purchase.punches.last, let row = s.visibleCards.firstIndex(where: { $0.id == last.cardID }) {
                    s.selection.select(row, visibleRows: s.pageRows)
                }
            }
            return []

        case .actionFailed(let action, let failure):
            s.inFlight = max(0, s.inFlight - 1)
            if s.afterDone?.action == action { s.afterDone = nil }
            if case .override(_, let pending, true) = s.modal, pending.action == action { s.modal = nil }
            s.notice = .error(CheckoutStrings.failed(failure))
            return []

        case .approvalRefused(let action, let failure):
            s.inFlight = max(0, s.inFlight - 1)
            if case .override(var form, let pending, true) = s.modal, pending.action == action {
                form.setText(1, "")
                form.focus(on: 1)
                form.error = CheckoutStrings.failed(failure)
                s.modal = .override(form, pending, checking: false)
            }
            s.notice = .error(CheckoutStrings.failed(failure))
            return []

        case .unknownUPC(let upc, let quantity):
            s.inFlight = max(0, s.inFlight - 1)
            if !s.modalTakesTyping { s.modal = .unknownUPC(upc, quantity: quantity) }
            s.notice = StatusMessage(CheckoutStrings.unknownUPC(upc), kind: .error)
            return []
        }
    }

    /// A confirmation opened from a picker or a form remembers it, so N returns there unchanged.
    static func rememberWayBack(_ s: inout CheckoutState, from modal: CheckoutModal) {
        guard case .confirm(var pending) = s.modal, pending.back == nil else { return }
        switch modal {
        case .redeemPick, .undoPick, .split, .pointsPick, .exception, .paper, .removeReason:
            pending.back = modal
            s.modal = .confirm(pending)
        default:
            break
        }
    }

    /// H: redeemed cards appear or go, and the card that was selected stays selected (scans go to the
    /// selected card, so the selection must never jump to another one). Hiding a selected redeemed card
    /// selects the card that was listed just above it.
    static func toggleHistory(_ s: inout CheckoutState) {
        let before = s.visibleCards
        let row = s.selection.index
        s.showsRedeemed.toggle()
        let after = s.visibleCards
        s.selection.setCount(after.count, visibleRows: s.pageRows)
        guard let row, before.indices.contains(row) else { return }
        let keep = before[...row].reversed().first { card in after.contains { $0.id == card.id } }
        if let keep, let newRow = after.firstIndex(where: { $0.id == keep.id }) {
            s.selection.select(newRow, visibleRows: s.pageRows)
        } else if !after.isEmpty {
            s.selection.select(0, visibleRows: s.pageRows)
        }
    }

    // MARK: - Scanning

    /// A pasted burst (a scanner in a terminal with bracketed paste): each line end is an Enter.
    static func pasteScan(_ s: inout CheckoutState, _ text: String, _ session: Session) -> [Effect] {
        var effects: [Effect] = []
        var line = ""
        for c in text {
            if c == "\n" || c == "\r" || c == "\r\n" {
                s.scan.insert(line)
                line = ""
                if !s.scan.text.isEmpty { effects += submitScan(&s, session) }
            } else {
                line.append(c)
            }
        }
        s.scan.insert(line)
        return effects
    }

    static func submitScan(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        let text = s.scan.text
        s.scan.setText("")
        if s.modal == .confirmLeave { s.modal = nil }
        guard session.may(.checkout) else {
            s.notice = .error(FeatureStrings.notAllowed(.checkout))
            return []
        }
        switch CheckoutInput.parseScan(text) {
        case .failure(let refusal):
            s.notice = .error(refusal.message)
            return []
        case .success(let (upc, quantity)):
            // Two open cards in the program: the punch goes to the selected one (default: the oldest).
            var preferred: Int64?
            if let card = s.selectedCard, card.card.state == .open, let program = s.data?.program(of: upc),
               card.program.id == program.program.id,
               s.visibleCards.filter({ $0.program.id == card.program.id && $0.card.state == .open }).count > 1 {
                preferred = card.id
            }
            s.inFlight += 1
            let action = CheckoutAction.recordPurchase(customerID: s.customerID, upc: upc, quantity: quantity,
                                                       preferredCardID: preferred)
            return [.checkout(.perform(action, customerID: s.customerID, by: session.op, approval: nil))]
        }
    }
}
