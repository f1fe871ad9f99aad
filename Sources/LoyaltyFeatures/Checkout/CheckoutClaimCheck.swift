import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The manufacturer's check inside the redeem flow, before the free item is handed over: the picked item
/// goes to the store's check (Core's `ClaimCheck`, the same rules the store applies again when it records the
/// redemption); missing customer details are asked right here; a failed rule is named with its ways out.
extension CheckoutFeature {
    /// Enter on the free-item picker: check the rules first.
    static func checkClaim(_ s: inout CheckoutState, _ ask: ClaimAsk) -> [Effect] {
        s.modal = .claimChecking(ask)
        return [.checkout(.checkClaim(cardID: ask.cardID, rewardUPC: ask.rewardUPC, details: ask.details))]
    }

    /// The check's answer decides the next dialog.
    static func claimChecked(_ s: inout CheckoutState, _ ask: ClaimAsk, _ preview: ClaimPreview, _ session: Session) -> [Effect] {
        guard case .claimChecking(let waiting) = s.modal, waiting == ask else { return [] }
        if !preview.ruleFailures.isEmpty {
            s.modal = .claimRefused(ask, preview)
            return []
        }
        let missing = preview.missingFields.filter { $0 != .name }
        if !missing.isEmpty {
            s.modal = .claimDetails(detailsForm(missing, ask.details), ask)
            return []
        }
        return confirmRedeem(&s, ask, funding: .claim, preview: preview, session)
    }

    /// The confirmation of a redemption, saying how it is funded.
    static func confirmRedeem(_ s: inout CheckoutState, _ ask: ClaimAsk, funding: RedemptionFunding, preview: ClaimPreview?,
                              _ session: Session) -> [Effect] {
        guard let card = s.data?.card(ask.cardID),
              let item = s.data?.program(card.program.id)?.items.first(where: { $0.upc == ask.rewardUPC }) else {
            s.modal = nil
            return []
        }
        let action = CheckoutAction.redeem(cardID: ask.cardID, rewardUPC: ask.rewardUPC, funding: funding, details: ask.details)
        var pending = PendingAction(action: action, title: CheckoutStrings.confirmRedeemTitle,
                                    lines: CheckoutStrings.confirmRedeem(card, item: item)
                                        + CheckoutStrings.claimLines(funding: funding, preview: preview),
                                    needsApproval: !session.may(action.permission))
        // N goes back to the free-item picker on the item that was picked (the check sits between them).
        if let items = s.data?.program(card.program.id)?.items {
            pending.back = .redeemPick(cardID: ask.cardID, ListSelection(count: items.count,
                                                                          index: items.firstIndex { $0.upc == ask.rewardUPC } ?? 0))
        }
        s.modal = .confirm(pending)
        return []
    }

    static func detailsForm(_ fields: [ClaimField], _ details: ClaimCustomerDetails?) -> CheckoutForm {
        CheckoutForm(fields.map { field in
            switch field {
            case .phone:
                .init(CheckoutStrings.fieldClaimPhone, .text(TextFieldState(text: details?.phone ?? "", maxLength: 24)))
            case .email:
                .init(CheckoutStrings.fieldClaimEmail, .text(TextFieldState(text: details?.email ?? "", maxLength: 254)))
            case .postalAddress, .name:
                .init(CheckoutStrings.fieldClaimAddress,
                      .text(TextFieldState(text: details?.postalAddress ?? "", maxLength: CustomerRules.maxPostalAddressLength)))
            }
        })
    }

    /// The details form's submit: each field checked by Core's customer rules, then the check again.
    static func submitClaimDetails(_ s: inout CheckoutState, _ form: CheckoutForm, _ ask: ClaimAsk) -> [Effect] {
        var details = ask.details ?? ClaimCustomerDetails()
        var refusal: String?
        for (i, field) in form.fields.enumerated() {
            let text = form.text(i).trimmingCharacters(in: .whitespaces)
            if text.isEmpty { refusal = refusal ?? CheckoutStrings.claimFieldNeeded(field.label); continue }
            switch field.label {
            case CheckoutStrings.fieldClaimPhone:
                do { _ = try CustomerRules.phone(text) } catch { refusal = refusal ?? error.description }
                details.phone = text
            case CheckoutStrings.fieldClaimEmail:
                do { _ = try CustomerRules.email(text) } catch { refusal = refusal ?? error.description }
                details.email = text
            default:
                do { _ = try CustomerRules.postalAddress(text) } catch { refusal = refusal ?? error.description }
                details.postalAddress = text
            }
        }
        if let refusal {
            var shown = form
            shown.error = refusal
            s.modal = .claimDetails(shown, ask)
            return refuse(&s, refusal)
        }
        var next = ask
        next.details = details
        return checkClaim(&s, next)
    }

    /// P, M and F in the refusal.
    static func claimWayOut(_ s: inout CheckoutState, _ msg: CheckoutMsg, _ session: Session) -> [Effect] {
        guard case .claimRefused(let ask, let preview) = s.modal else { return [] }
        switch msg {
        case .pickAnotherFreeItem:
            guard let card = s.data?.card(ask.cardID) else { return [] }
            let items = s.data?.program(card.program.id)?.items ?? []
            var list = ListSelection(count: items.count)
            if let at = items.firstIndex(where: { $0.upc == ask.rewardUPC }) { list.select(at, visibleRows: dialogRows) }
            s.modal = .redeemPick(cardID: ask.cardID, list)
            return []
        case .claimException:
            return confirmRedeem(&s, ask, funding: .managerException, preview: preview, session)
        case .redeemStoreFunded:
            return confirmRedeem(&s, ask, funding: .storeFunded, preview: preview, session)
        default:
            return []
        }
    }
}
