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
            if let modal = s.modal { return enter(&s, modal, session) }
            return openCard(&s)

        case .escape:
            if case .override(_, _, checking: true) = s.modal { return [] }
            s.modal = nil
            return []

        case .move(let key):
            moveInModal(&s, key)
            return []

        case .toggleHistory:
            s.showsRedeemed.toggle()
            s.selection.setCount(s.visibleCards.count, visibleRows: s.pageRows)
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

        case .addAsException:
            guard case .unknownUPC(let upc) = s.modal else { return [] }
            return requestException(&s, session, upc: upc)

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
            return submitForm(&s, session)

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

        case .loadFailed(let id, let message):
            guard id == s.customerID else { return [] }
            s.error = message
            return []

        case .actionDone(let action, let result, let data):
            s.inFlight = max(0, s.inFlight - 1)
            if let data { apply(&s, data) }
            if case .override(_, let pending, true) = s.modal, pending.action == action { s.modal = nil }
            s.notice = .success(doneMessage(action, result, s))
            if case .purchase(let purchase) = result {
                s.justCompleted.formUnion(purchase.completedCardIDs)
                if let last = purchase.punches.last, let row = s.visibleCards.firstIndex(where: { $0.id == last.cardID }) {
                    s.selection.select(row, visibleRows: s.pageRows)
                }
            }
            return []

        case .actionFailed(let action, let message):
            s.inFlight = max(0, s.inFlight - 1)
            if case .override(_, let pending, true) = s.modal, pending.action == action { s.modal = nil }
            s.notice = .error(message)
            return []

        case .approvalRefused(let action, let message):
            s.inFlight = max(0, s.inFlight - 1)
            if case .override(var form, let pending, true) = s.modal, pending.action == action {
                form.setText(1, "")
                form.focus(on: 1)
                form.error = message
                s.modal = .override(form, pending, checking: false)
            }
            s.notice = .error(message)
            return []

        case .unknownUPC(let upc, _):
            s.inFlight = max(0, s.inFlight - 1)
            if !s.modalTakesTyping { s.modal = .unknownUPC(upc) }
            s.notice = StatusMessage(CheckoutStrings.unknownUPC(upc), kind: .error)
            return []
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

    // MARK: - Requests

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
        guard card.card.state == .complete || (card.card.state == .open && card.status.countingPunches >= card.program.punchesRequired) else {
            return refuse(&s, CardRefusal.notComplete(card.card.state).description)
        }
        let items = s.data?.program(card.program.id)?.items ?? []
        s.modal = .redeemPick(cardID: card.id, ListSelection(count: items.count))
        return []
    }

    static func requestUndo(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.undoTodaysPunch, &s, session) else { return [] }
        let today = s.todaysPurchases
        guard !today.isEmpty else { return refuse(&s, CheckoutStrings.noTodaysPurchases) }
        s.modal = .undoPick(ListSelection(count: today.count))
        return []
    }

    static func requestException(_ s: inout CheckoutState, _ session: Session, upc: UPC?) -> [Effect] {
        guard mayStart(.addException, &s, session) else { return [] }
        guard let data = s.data, !data.programs.isEmpty else { return refuse(&s, CheckoutStrings.chooseProgram) }
        let programIndex = targetCard(s).flatMap { card in data.programs.firstIndex { $0.program.id == card.program.id } } ?? 0
        var form = CheckoutForm([
            .init(CheckoutStrings.fieldProgram, .choice(data.programs.map(\.program.name), selected: programIndex)),
            .init(CheckoutStrings.fieldReason, .choice(ExceptionReason.choices.map(\.label), selected: 0)),
            .init(CheckoutStrings.fieldOtherReason, .text(TextFieldState(maxLength: 120))),
            .init(CheckoutStrings.fieldItem, .text(TextFieldState(maxLength: 120))),
            .init(CheckoutStrings.fieldUPC, .text(TextFieldState(text: upc?.display ?? "", maxLength: 14, allowed: .digits))),
        ], focus: 0)
        form.fields[2].isVisible = false
        s.modal = .exception(form, fromScan: upc != nil)
        return []
    }

    static func requestPaper(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.convertPaperCard, &s, session) else { return [] }
        guard let data = s.data, !data.programs.isEmpty else { return refuse(&s, CheckoutStrings.chooseProgram) }
        let programIndex = targetCard(s).flatMap { card in data.programs.firstIndex { $0.program.id == card.program.id } } ?? 0
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
        guard card.card.state != .redeemed else { return refuse(&s, CardRefusal.cardRedeemed.description) }
        guard card.counting.count >= 2 else {
            return refuse(&s, CardRefusal.splitNeedsTwoPunches(have: card.counting.count).description)
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
        do {
            _ = try CardRules.removePunch(punch, from: card.status, reason: "check")
        } catch {
            return refuse(&s, error.description)
        }
        s.modal = .removeReason(CheckoutForm([.init(CheckoutStrings.fieldRemoveReason,
                                                    .text(TextFieldState(maxLength: 120)))]), punchID: punch.id)
        return []
    }

    // MARK: - Dialogs

    static func moveInModal(_ s: inout CheckoutState, _ key: Key) {
        switch s.modal {
        case .cardDetail(let id, var list):
            list.handle(key, visibleRows: dialogRows)
            s.modal = .cardDetail(cardID: id, list)
        case .redeemPick(let id, var list):
            list.handle(key, visibleRows: dialogRows)
            s.modal = .redeemPick(cardID: id, list)
        case .undoPick(var list):
            list.handle(key, visibleRows: dialogRows)
            s.modal = .undoPick(list)
        case .split(let id, let marked, var list):
            list.handle(key, visibleRows: dialogRows)
            s.modal = .split(cardID: id, marked: marked, list)
        case .pointsPick(var list):
            list.handle(key, visibleRows: dialogRows)
            s.modal = .pointsPick(list)
        case .exception, .paper, .note, .override, .removeReason:
            if key == .down { editForm(&s) { $0.next() } }
            if key == .up { editForm(&s) { $0.previous() } }
        case nil:
            s.selection.handle(key, visibleRows: s.pageRows)
        case .unknownUPC, .confirm, .confirmLeave:
            break
        }
    }

    static func editForm(_ s: inout CheckoutState, _ change: (inout CheckoutForm) -> Void) {
        switch s.modal {
        case .exception(var form, let fromScan):
            change(&form)
            form.fields[2].isVisible = form.choice(1) == ExceptionReason.choices.count - 1
            s.modal = .exception(form, fromScan: fromScan)
        case .paper(var form):
            change(&form)
            s.modal = .paper(form)
        case .note(var form, let id):
            change(&form)
            s.modal = .note(form, cardID: id)
        case .removeReason(var form, let id):
            change(&form)
            s.modal = .removeReason(form, punchID: id)
        case .override(var form, let pending, let checking):
            guard !checking else { return }
            change(&form)
            s.modal = .override(form, pending, checking: false)
        default:
            break
        }
    }

    static func enter(_ s: inout CheckoutState, _ modal: CheckoutModal, _ session: Session) -> [Effect] {
        switch modal {
        case .cardDetail:
            s.modal = nil
            return []
        case .redeemPick(let cardID, let list):
            guard let card = s.data?.card(cardID), let items = s.data?.program(card.program.id)?.items,
                  let i = list.index, items.indices.contains(i) else { return [] }
            let item = items[i]
            s.modal = .confirm(PendingAction(action: .redeem(cardID: cardID, rewardUPC: item.upc),
                                             title: CheckoutStrings.confirmRedeemTitle,
                                             lines: CheckoutStrings.confirmRedeem(card, item: item),
                                             needsApproval: !session.may(.redeem)))
            return []
        case .undoPick(let list):
            let today = s.todaysPurchases
            guard let i = list.index, today.indices.contains(i) else { return [] }
            let punch = today[i]
            let card = s.data?.card(punch.cardID)
            let change = card.flatMap { try? CardRules.removePunch(punch, from: $0.status, reason: CardRules.undoReason) }
            s.modal = .confirm(PendingAction(action: .undoTodaysPunch(punchID: punch.id),
                                             title: CheckoutStrings.confirmUndoTitle,
                                             lines: CheckoutStrings.confirmUndo(punch, card: card, change: change),
                                             needsApproval: !session.may(.undoTodaysPunch)))
            return []
        case .split(let cardID, let marked, _):
            guard let card = s.data?.card(cardID) else { return [] }
            do {
                let plan = try CardSplit.plan(card: card.status, punches: card.detail.punches, moving: marked)
                s.modal = .confirm(PendingAction(action: .splitCard(cardID: cardID, moving: marked),
                                                 title: CheckoutStrings.confirmSplitTitle,
                                                 lines: CheckoutStrings.confirmSplit(card, plan: plan),
                                                 needsApproval: !session.may(.splitCard)))
                return []
            } catch {
                return refuse(&s, error.description)
            }
        case .pointsPick(let list):
            guard let data = s.data, let i = list.index, data.pointsRewards.indices.contains(i) else { return [] }
            let reward = data.pointsRewards[i]
            let balance = data.detail.pointsBalance
            do {
                _ = try PointsLedger.redeem(reward.reward, balance: balance)
            } catch {
                return refuse(&s, error.description)
            }
            s.modal = .confirm(PendingAction(action: .redeemPointsReward(customerID: s.customerID, rewardID: reward.id),
                                             title: CheckoutStrings.confirmPointsTitle,
                                             lines: CheckoutStrings.confirmPoints(reward, balance: balance),
                                             needsApproval: !session.may(.redeemPointsReward)))
            return []
        case .unknownUPC(let upc):
            return requestException(&s, session, upc: upc)
        case .confirm(let pending):
            return dispatch(&s, pending, session)
        case .exception(let form, _), .paper(let form), .note(let form, _), .removeReason(let form, _),
             .override(let form, _, _):
            if form.isOnLastField { return submitForm(&s, session) }
            editForm(&s) { $0.next() }
            return []
        case .confirmLeave:
            return []
        }
    }

    /// A form's submit: its validation, then the confirmation (or, for the override, the store).
    static func submitForm(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard let data = s.data else { return [] }
        switch s.modal {
        case .exception(var form, let fromScan):
            let program = data.programs[min(form.choice(0), data.programs.count - 1)].program
            var reason = ExceptionReason.choices[form.choice(1)]
            if case .other = reason { reason = .other(form.text(2)) }
            let item = form.text(3).trimmingCharacters(in: .whitespaces)
            let upcText = form.text(4)
            var upc: UPC?
            var refusal: String?
            do { _ = try reason.validated() } catch { refusal = error.description }
            if refusal == nil && item.isEmpty { refusal = CheckoutStrings.describeItem }
            if refusal == nil && !upcText.isEmpty {
                do { upc = try UPC.parse(upcText) } catch { refusal = error.description }
            }
            if let refusal {
                form.error = refusal
                s.modal = .exception(form, fromScan: fromScan)
                return refuse(&s, refusal)
            }
            s.modal = .confirm(PendingAction(
                action: .addException(customerID: s.customerID, programID: program.id, upc: upc, description: item,
                                      reason: reason),
                title: CheckoutStrings.confirmExceptionTitle,
                lines: CheckoutStrings.confirmException(program: program, item: item, upc: upc, reason: reason.storedText),
                needsApproval: !session.may(.addException)))
            return []

        case .paper(var form):
            let program = data.programs[min(form.choice(0), data.programs.count - 1)].program
            var refusal: String?
            let k = Int(form.text(1)) ?? 0
            let first = CheckoutInput.parseDate(form.text(2))
            let last = CheckoutInput.parseDate(form.text(3))
            if k <= 0 { refusal = CheckoutStrings.punchesNotANumber }
            else if first == nil { refusal = CheckoutStrings.notADate(CheckoutStrings.fieldFirstDate) }
            else if last == nil { refusal = CheckoutStrings.notADate(CheckoutStrings.fieldLastDate) }
            if refusal == nil, let first, let last {
                do {
                    _ = try PaperConversion.plan(punches: k, punchesRequired: program.punchesRequired, firstPurchase: first,
                                                 lastPurchase: last, today: data.detail.today)
                } catch { refusal = error.description }
            }
            guard refusal == nil, let first, let last else {
                form.error = refusal
                s.modal = .paper(form)
                return refuse(&s, refusal ?? "")
            }
            s.modal = .confirm(PendingAction(
                action: .convertPaperCard(customerID: s.customerID, programID: program.id, punches: k, first: first, last: last),
                title: CheckoutStrings.confirmPaperTitle,
                lines: CheckoutStrings.confirmPaper(program: program, punches: k, first: first, last: last),
                needsApproval: !session.may(.convertPaperCard)))
            return []

        case .note(let form, let cardID):
            // A note is not history: saved at once, no confirmation.
            return dispatch(&s, PendingAction(action: .updateCardNote(cardID: cardID, note: form.text(0)), title: "",
                                              lines: [], needsApproval: !session.may(.editCardNote)), session)

        case .removeReason(var form, let punchID):
            let reason = form.text(0).trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                form.error = CardRefusal.reasonRequired.description
                s.modal = .removeReason(form, punchID: punchID)
                return refuse(&s, CardRefusal.reasonRequired.description)
            }
            guard let card = data.allCards.first(where: { $0.detail.punches.contains { $0.id == punchID } }),
                  let punch = card.detail.punches.first(where: { $0.id == punchID }) else { return [] }
            do {
                let change = try CardRules.removePunch(punch, from: card.status, reason: reason)
                s.modal = .confirm(PendingAction(action: .removePunch(punchID: punchID, reason: reason),
                                                 title: CheckoutStrings.confirmRemoveTitle,
                                                 lines: CheckoutStrings.confirmRemove(punch, card: card, change: change,
                                                                                      reason: reason),
                                                 needsApproval: !session.may(.removePunch)))
            } catch {
                return refuse(&s, error.description)
            }
            return []

        case .override(var form, let pending, false):
            let username = form.text(0).trimmingCharacters(in: .whitespaces)
            let pin = form.text(1)
            guard !username.isEmpty, !pin.isEmpty else {
                form.error = CheckoutStrings.managerNeeded
                s.modal = .override(form, pending, checking: false)
                return refuse(&s, CheckoutStrings.managerNeeded)
            }
            s.modal = .override(form, pending, checking: true)
            s.inFlight += 1
            s.notice = StatusMessage(CheckoutStrings.checkingPIN)
            return [.checkout(.perform(pending.action, customerID: s.customerID, by: session.op,
                                       approval: ManagerApproval(username: username, pin: pin)))]
        default:
            return []
        }
    }

    /// A confirmed action: to the store, or first to the manager-override dialog.
    static func dispatch(_ s: inout CheckoutState, _ pending: PendingAction, _ session: Session) -> [Effect] {
        let permission = pending.action.permission
        if !session.may(permission) {
            guard permission.allowsManagerOverride else {
                s.modal = nil
                return refuse(&s, FeatureStrings.notAllowed(permission))
            }
            s.modal = .override(CheckoutForm([
                .init(CheckoutStrings.fieldManager, .text(TextFieldState(maxLength: 40))),
                .init(CheckoutStrings.fieldPIN, .text(TextFieldState(maxLength: 12, allowed: .digits, isSecure: true))),
            ]), pending, checking: false)
            return []
        }
        s.modal = nil
        s.inFlight += 1
        return [.checkout(.perform(pending.action, customerID: s.customerID, by: session.op, approval: nil))]
    }

    static func apply(_ s: inout CheckoutState, _ data: CheckoutData) {
        let selectedID = s.selectedCard?.id
        s.customerID = data.detail.customer.id
        s.data = data
        s.error = nil
        let cards = s.visibleCards
        s.selection.setCount(cards.count, visibleRows: s.pageRows)
        if let selectedID, let row = cards.firstIndex(where: { $0.id == selectedID }) {
            s.selection.select(row, visibleRows: s.pageRows)
        }
    }

    static func doneMessage(_ action: CheckoutAction, _ result: CheckoutResult, _ s: CheckoutState) -> String {
        switch (action, result) {
        case (.recordPurchase(_, _, let quantity, _), .purchase(let purchase)):
            return CheckoutStrings.recorded(purchase, quantity: quantity, cards: s.data?.allCards ?? [])
        case (.redeem(let cardID, let upc), _):
            let card = s.data?.card(cardID)
            let item = s.data?.program(card?.program.id ?? 0)?.items.first { $0.upc == upc }?.description ?? upc.display
            return CheckoutStrings.redeemed(card?.program.name ?? "", item)
        case (.undoTodaysPunch, _): return CheckoutStrings.undone
        case (.addException, .purchase(let purchase)):
            let completes = purchase.completedCardIDs.isEmpty ? "" : " Reward earned!"
            return CheckoutStrings.exceptionAdded + completes
        case (.addException, _): return CheckoutStrings.exceptionAdded
        case (.convertPaperCard, .paperCards(let cards)): return CheckoutStrings.paperConverted(cards.count)
        case (.convertPaperCard, _): return CheckoutStrings.paperConverted(1)
        case (.splitCard(let cardID, _), .split(let newCard)):
            return CheckoutStrings.split(newCard, program: s.data?.card(cardID)?.program.name ?? "")
        case (.splitCard, _): return CheckoutStrings.split(Card(customerID: 0, programID: 0), program: "")
        case (.updateCardNote, _): return CheckoutStrings.noteSaved
        case (.redeemPointsReward(_, let rewardID), _):
            return CheckoutStrings.pointsRedeemed(s.data?.pointsRewards.first { $0.id == rewardID }?.name ?? "")
        case (.removePunch, _): return CheckoutStrings.punchRemoved
        case (.recordPurchase, _): return ""
        }
    }
}
