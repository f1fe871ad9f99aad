import LoyaltyCore
import TerminalKit
import LoyaltyStore

/// Undo redemption (manager) on the checkout screen: the selected redeemed card (H shows them, or the one
/// open in the card view), a confirmation saying what changes, then the store (a cashier gets the manager
/// override after the confirmation, like every manager action here).
extension CheckoutFeature {
    static func requestUndoRedemption(_ s: inout CheckoutState, _ session: Session) -> [Effect] {
        guard mayStart(.undoRedemption, &s, session) else { return [] }
        guard let card = targetCard(s) else { return refuse(&s, CheckoutStrings.noCardSelected) }
        do throws(CardRefusal) { _ = try CardRules.undoRedemption(card.status) } catch {
            return refuse(&s, ManagerStrings.notRedeemed)
        }
        let item = card.card.rewardUPC.flatMap { upc in
            s.data?.program(card.program.id)?.items.first { $0.upc == upc }?.description ?? upc.display
        }
        s.modal = .confirm(PendingAction(action: .undoRedemption(cardID: card.id),
                                         title: ManagerStrings.confirmUndoRedemptionTitle,
                                         lines: ManagerStrings.confirmUndoRedemption(card, item: item),
                                         needsApproval: !session.may(.undoRedemption)))
        return []
    }

    /// A punch on a redeemed card cannot be removed: say so, and offer the way out — undo the redemption
    /// first (Y), the same confirmation and override as Z; the punch can then be removed.
    static func offerUndoRedemption(_ s: inout CheckoutState, _ card: CheckoutCard, punch: Punch, refusal: String,
                                    _ session: Session) -> [Effect] {
        guard session.may(.undoRedemption) || Action.undoRedemption.allowsManagerOverride else {
            return refuse(&s, refusal)
        }
        let item = card.card.rewardUPC.flatMap { upc in
            s.data?.program(card.program.id)?.items.first { $0.upc == upc }?.description ?? upc.display
        }
        let redeemedOn = card.card.redeemedAt.map { s.data?.localDate(of: $0).iso ?? "" }
        // Once undone, the way goes on to what was asked: the card's punches, the same one selected.
        let row = card.detail.punches.firstIndex { $0.id == punch.id } ?? 0
        var list = ListSelection(count: card.detail.punches.count)
        list.select(row, visibleRows: dialogRows)
        s.modal = .confirm(PendingAction(action: .undoRedemption(cardID: card.id),
                                         title: ManagerStrings.removeRefusedTitle,
                                         lines: ManagerStrings.removeRefused(card, punch: punch, refusal: refusal,
                                                                             redeemedOn: redeemedOn,
                                                                             by: card.card.redeemedBy, item: item),
                                         needsApproval: !session.may(.undoRedemption),
                                         then: .cardDetail(cardID: card.id, list)))
        return []
    }
}
