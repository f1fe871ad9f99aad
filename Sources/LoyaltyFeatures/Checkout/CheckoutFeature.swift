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
        let effects = step(&s, msg, session: session)
        offerHeld(&s)
        return effects
    }

    /// Opens the question about held scans once nothing else is open.
    public static func offerHeld(_ s: inout CheckoutState) {
        if s.modal == nil, !s.held.isEmpty, s.data != nil { s.modal = .heldScans }
    }

    static func step(_ s: inout CheckoutState, _ msg: CheckoutMsg, session: Session) -> [Effect] {
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
            if s.modal == .heldScans {
                s.notice = StatusMessage(CheckoutStrings.heldDropped(s.held.count))
                s.held = []
            }
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
            return toggleHistory(&s)

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
            return [s.reload]

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
            if s.modal == .heldScans { return recordHeld(&s, session) }
            guard case .confirm(let pending) = s.modal else { return [] }
            return dispatch(&s, pending, session)

        case .undoOneUnit:
            guard case .confirm(let pending) = s.modal, case .undoTodaysScan(let ids) = pending.action,
                  let newest = ids.first, let punch = s.todaysPurchases.first(where: { $0.id == newest }) else { return [] }
            let card = s.data?.card(punch.cardID)
            let change = card.flatMap { try? CardRules.removePunch(punch, from: $0.status, reason: CardRules.undoReason) }
            return dispatch(&s, PendingAction(action: .undoTodaysPunch(punchID: newest), title: CheckoutStrings.confirmUndoTitle,
                                              lines: CheckoutStrings.confirmUndo(punch, card: card, change: change),
                                              needsApproval: pending.needsApproval), session)

        // Results
        case .loaded(let data):
            guard data.detail.customer.id == s.customerID || data.detail.requestedID == s.customerID else { return [] }
            apply(&s, data)
            return redeemedFollowUp(&s)

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
            return data == nil ? [] : redeemedFollowUp(&s)

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

        case .pickAnotherFreeItem, .claimException, .redeemStoreFunded:
            return claimWayOut(&s, msg, session)

        case .claimChecked(let ask, let preview):
            return claimChecked(&s, ask, preview, session)

        case .claimCheckFailed(let failure):
            if case .claimChecking = s.modal { s.modal = nil }
            s.notice = .error(CheckoutStrings.failed(failure))
            return []

        case .scanKept(_, let scan):
            s.inFlight = max(0, s.inFlight - 1)
            let item = s.data?.program(of: scan.upc)?.items.first { $0.upc == scan.upc }?.description ?? scan.upc.display
            s.notice = StatusMessage(OfflineStrings.kept(scan.quantity, item))
            return []

        case .scanNotKept(_, let failure):
            s.inFlight = max(0, s.inFlight - 1)
            s.notice = .error(OfflineStrings.notKept(FeatureStrings.reason(failure)))
            return []

        case .unknownUPC(let upc, let quantity):
            s.inFlight = max(0, s.inFlight - 1)
            // Only over no dialog: the answer must not replace one the cashier opened meanwhile.
            switch s.modal {
            case nil, .unknownUPC?: s.modal = .unknownUPC(upc, quantity: quantity)
            default: break
            }
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

    /// H: redeemed cards appear or go. Their punches were not read with the checkout (`CheckoutState.reload`):
    /// the first H asks for them, and the cards appear when they arrive, whole; H again before then changes
    /// nothing on screen.
    static func toggleHistory(_ s: inout CheckoutState) -> [Effect] {
        if s.redeemedRequested {
            s.redeemedRequested = false
            return []
        }
        if !s.showsRedeemed, s.data?.hasUnreadRedeemedCards == true {
            s.redeemedRequested = true
            return [s.reload]
        }
        flipHistory(&s)
        return []
    }

    /// After a read: redeemed cards asked for appear once their punches are here; a read without them while they
    /// are shown or asked for (a write sent before H) is followed by one with them.
    static func redeemedFollowUp(_ s: inout CheckoutState) -> [Effect] {
        guard let data = s.data, s.readsRedeemedPunches else { return [] }
        if data.hasUnreadRedeemedCards { return [s.reload] }
        if s.redeemedRequested {
            s.redeemedRequested = false
            flipHistory(&s)
        }
        return []
    }

    /// Redeemed cards appear or go, and the card that was selected stays selected (scans go to the
    /// selected card, so the selection must never jump to another one). Hiding a selected redeemed card
    /// selects the card that was listed just above it.
    private static func flipHistory(_ s: inout CheckoutState) {
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
            return scanned(&s, upc, quantity: quantity, session: session, at: nil)
        }
    }

    /// A scan, by what is open (issue 14 #2): with no dialog (or only the unknown-UPC notice) it is recorded;
    /// in a dialog that picks an item, a scan of one of its items chooses it; in any other dialog — or of
    /// another item — it is held and asked about when the dialog closes, never punched behind the dialog
    /// (the punch would change what the dialog shows and confirms).
    public static func scanned(_ s: inout CheckoutState, _ upc: UPC, quantity: Int, session: Session,
                               at: Date?) -> [Effect] {
        guard session.may(.checkout) else {
            s.notice = .error(FeatureStrings.notAllowed(.checkout))
            return []
        }
        switch s.modal {
        case nil, .unknownUPC?:
            return record(&s, upc, quantity: quantity, session)
        case .redeemPick(let cardID, var list)?:
            if let card = s.data?.card(cardID), let items = s.data?.program(card.program.id)?.items,
               let i = items.firstIndex(where: { $0.upc == upc }) {
                list.select(i, visibleRows: dialogRows)
                s.modal = .redeemPick(cardID: cardID, list)
                return enter(&s, .redeemPick(cardID: cardID, list), session)
            }
        case .undoPick(var list)?:
            if let i = s.todaysScans.firstIndex(where: { $0.first?.upc == upc }) {
                list.select(i, visibleRows: dialogRows)
                s.modal = .undoPick(list)
                return enter(&s, .undoPick(list), session)
            }
        case .heldScans?:
            s.held.append(HeldScan(upc: upc, quantity: quantity, why: .dialog(CheckoutStrings.dialogName(.heldScans)),
                                   customerID: s.customerID, at: at))
            return []
        default:
            break
        }
        let name = s.modal.map(CheckoutStrings.dialogName) ?? ""
        s.held.append(HeldScan(upc: upc, quantity: quantity, why: .dialog(name), customerID: s.customerID, at: at))
        s.notice = StatusMessage(CheckoutStrings.scanHeld(upc, after: name))
        return []
    }

    /// Records a scan; more units than the store's threshold ask first (a `999*` slip).
    static func record(_ s: inout CheckoutState, _ upc: UPC, quantity: Int, _ session: Session) -> [Effect] {
        // A program of another location earns nothing at this counter (Core's rule; the store checks again).
        if let here = session.location, let program = s.data?.program(of: upc)?.program {
            do throws(LocationRefusal) { try LocationRules.checkPunch(program: program, at: here) } catch {
                s.notice = .error(CheckoutStrings.scanRefused(upc.display, error.description))
                return []
            }
        }
        let action = purchase(&s, upc, quantity: quantity)
        if quantity > s.confirmQuantityAbove {
            let item = s.data?.program(of: upc)?.items.first { $0.upc == upc }?.description
            s.modal = .confirm(PendingAction(action: action, title: CheckoutStrings.confirmQuantityTitle(quantity),
                                             lines: CheckoutStrings.confirmQuantity(upc, quantity: quantity, item: item,
                                                                                    threshold: s.confirmQuantityAbove),
                                             needsApproval: false))
            return []
        }
        s.inFlight += 1
        return [.checkout(.perform(action, customerID: s.customerID, by: session.op, approval: nil,
                                   redeemedPunches: s.readsRedeemedPunches))]
    }

    /// Y on the held scans' question: each is recorded as scanned (its quantity was shown in the question).
    static func recordHeld(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        let held = s.held
        s.held = []
        s.modal = nil
        var effects: [Effect] = []
        for scan in held {
            s.inFlight += 1
            effects.append(.checkout(.perform(purchase(&s, scan.upc, quantity: scan.quantity), customerID: s.customerID,
                                              by: session.op, approval: nil, redeemedPunches: s.readsRedeemedPunches)))
        }
        return effects
    }

    /// The purchase a scan records: two open cards in the program → the selected one (default: the oldest).
    static func purchase(_ s: inout CheckoutState, _ upc: UPC, quantity: Int) -> CheckoutAction {
        var preferred: Int64?
        if let card = s.selectedCard, card.card.state == .open, let program = s.data?.program(of: upc),
           card.program.id == program.program.id,
           s.visibleCards.filter({ $0.program.id == card.program.id && $0.card.state == .open }).count > 1 {
            preferred = card.id
        }
        return CheckoutAction.recordPurchase(customerID: s.customerID, upc: upc, quantity: quantity,
                                             preferredCardID: preferred)
    }
}
