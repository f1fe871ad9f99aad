import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The checkout dialogs' rules: moving in their lists, editing their forms, Enter (choose, submit,
/// confirm), validation into a confirmation, and dispatching a confirmed action to the store or to the
/// manager override; then applying the store's answers.
extension CheckoutFeature {
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
        case .exception, .paper, .note, .override, .removeReason, .claimDetails:
            if key == .down { editForm(&s) { $0.next() } }
            if key == .up { editForm(&s) { $0.previous() } }
        case nil:
            s.selection.handle(key, visibleRows: s.pageRows)
        case .unknownUPC, .confirm, .confirmLeave, .claimChecking, .claimRefused, .heldScans:
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
            ManagerStrings.showOtherReason(&form)
            s.modal = .removeReason(form, punchID: id)
        case .override(var form, let pending, let checking):
            guard !checking else { return }
            change(&form)
            s.modal = .override(form, pending, checking: false)
        case .claimDetails(var form, let ask):
            change(&form)
            s.modal = .claimDetails(form, ask)
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
            return checkClaim(&s, ClaimAsk(cardID: cardID, rewardUPC: items[i].upc))
        case .undoPick(let list):
            let scans = s.todaysScans
            guard let i = list.index, scans.indices.contains(i), let punch = scans[i].first else { return [] }
            if scans[i].count > 1 {
                // Every unit of the scan in one step (O in the question undoes just one).
                s.modal = .confirm(PendingAction(action: .undoTodaysScan(punchIDs: scans[i].map(\.id)),
                                                 title: CheckoutStrings.confirmUndoScanTitle,
                                                 lines: CheckoutStrings.confirmUndoScan(scans[i]),
                                                 needsApproval: !session.may(.undoTodaysPunch)))
                return []
            }
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
        case .unknownUPC(let upc, let quantity):
            return requestException(&s, session, upc: upc, quantity: quantity)
        case .confirm(let pending):
            return dispatch(&s, pending, session)
        case .exception(let form, _), .paper(let form), .note(let form, _), .removeReason(let form, _),
             .override(let form, _, _):
            if form.isOnLastField { return submitForm(&s, session) }
            editForm(&s) { $0.next() }
            return []
        case .confirmLeave, .claimChecking, .claimRefused, .heldScans:
            return []
        case .claimDetails(let form, _):
            if form.isOnLastField { return submitForm(&s, session) }
            editForm(&s) { $0.next() }
            return []
        }
    }

    /// A form's submit: its validation, then the confirmation (or, for the override, the store).
    static func submitForm(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard let data = s.data else { return [] }
        switch s.modal {
        case .exception(var form, let fromScan):
            guard data.programs.indices.contains(form.choice(0)) else {
                form.error = CheckoutStrings.pickProgram
                form.focus(on: 0)
                s.modal = .exception(form, fromScan: fromScan)
                return refuse(&s, CheckoutStrings.pickProgram)
            }
            let program = data.programs[form.choice(0)].program
            var reason = ExceptionReason.choices[form.choice(1)]
            if case .other = reason { reason = .other(form.text(2)) }
            let item = form.text(3).trimmingCharacters(in: .whitespaces)
            let upcText = form.text(4)
            let quantity = Int(form.text(5)) ?? 0
            var upc: UPC?
            var refusal: String?
            do { _ = try reason.validated() } catch { refusal = error.description }
            if refusal == nil && item.isEmpty { refusal = CheckoutStrings.describeItem }
            if refusal == nil && !(1...999).contains(quantity) { refusal = CheckoutStrings.quantityInvalid(form.text(5)) }
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
                                      reason: reason, quantity: quantity),
                title: CheckoutStrings.confirmExceptionTitle,
                lines: CheckoutStrings.confirmException(program: program, item: item, upc: upc, reason: reason.storedText,
                                                        quantity: quantity),
                needsApproval: !session.may(.addException)))
            return []

        case .paper(var form):
            guard data.programs.indices.contains(form.choice(0)) else {
                form.error = CheckoutStrings.pickProgram
                form.focus(on: 0)
                s.modal = .paper(form)
                return refuse(&s, CheckoutStrings.pickProgram)
            }
            let program = data.programs[form.choice(0)].program
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
            let reason = ManagerStrings.removeReason(form)
            guard let card = data.allCards.first(where: { $0.detail.punches.contains { $0.id == punchID } }),
                  let punch = card.detail.punches.first(where: { $0.id == punchID }) else { return [] }
            do throws(CardRefusal) {
                let change = try CardRules.removePunch(punch, from: card.status, reason: reason)
                s.modal = .confirm(PendingAction(action: .removePunch(punchID: punchID, reason: reason),
                                                 title: CheckoutStrings.confirmRemoveTitle,
                                                 lines: CheckoutStrings.confirmRemove(punch, card: card, change: change,
                                                                                      reason: reason)
                                                     + ManagerStrings.removeKeeps(needsApproval: !session.may(.removePunch)),
                                                 needsApproval: !session.may(.removePunch)))
            } catch .reasonRequired {
                // Core's rule asks for the reason; the dialog stays open to type it.
                form.error = CardRefusal.reasonRequired.description
                s.modal = .removeReason(form, punchID: punchID)
                return refuse(&s, CardRefusal.reasonRequired.description)
            } catch {
                return refuse(&s, error.description)
            }
            return []

        case .claimDetails(let form, let ask):
            return submitClaimDetails(&s, form, ask)

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
                                       approval: ManagerApproval(username: username, pin: pin),
                                       redeemedPunches: s.readsRedeemedPunches))]
        default:
            return []
        }
    }

    /// A confirmed action: to the store, or first to the manager-override dialog.
    static func dispatch(_ s: inout CheckoutState, _ pending: PendingAction, _ session: Session) -> [Effect] {
        let permission = pending.action.permission
        s.afterDone = pending.then.map { PendingContinuation(action: pending.action, modal: $0,
                                                             notice: CheckoutStrings.nowPickThePunch) }
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
        return [.checkout(.perform(pending.action, customerID: s.customerID, by: session.op, approval: nil,
                                   redeemedPunches: s.readsRedeemedPunches))]
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
        case (.redeem(let cardID, let upc, _, _), _):
            let card = s.data?.card(cardID)
            let item = s.data?.program(card?.program.id ?? 0)?.items.first { $0.upc == upc }?.description ?? upc.display
            return CheckoutStrings.redeemed(card?.program.name ?? "", item)
        case (.undoTodaysPunch, _): return CheckoutStrings.undone
        case (.undoTodaysScan(let ids), _): return CheckoutStrings.scanUndone(ids.count)
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
        case (.undoRedemption, _): return ManagerStrings.redemptionUndone
        case (.removeRefundedPunches(let ids, let sale), _): return CheckoutStrings.refundPunchesRemoved(ids.count, sale)
        case (.recordPurchase, _): return ""
        }
    }
}
