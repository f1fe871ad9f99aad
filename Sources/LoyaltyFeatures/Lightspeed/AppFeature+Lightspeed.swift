import LoyaltyCore
import LoyaltyStore

/// The shell's side of the Lightspeed button: a press is handled for the signed-in cashier, then the
/// customer's checkout opens with Today's Purchases updated; a press for an unlinked customer opens lookup
/// searching for them; a sale with no customer says to attach one in Lightspeed.
extension AppFeature {
    func lightspeed(_ state: inout AppState, _ msg: LightspeedMsg) -> [Effect] {
        switch msg {
        case .buttonPressed(let press):
            guard let session = state.session else {
                state.status = .error(LightspeedStrings.signInFirst(press.saleID))
                return []
            }
            guard session.may(.checkout) else {
                state.status = .error(FeatureStrings.notAllowed(.checkout))
                return []
            }
            state.status = StatusMessage(LightspeedStrings.fetching(press))
            return [.lightspeed(.handleButton(press, by: session.op))]

        case .saleHandled(let outcome):
            guard state.session != nil else { return [] }
            switch outcome.status {
            case .recorded, .refunded, .waiting, .stillOpen:
                guard let id = outcome.customerID else { return [] }
                if state.lightspeed.pendingLink?.press.saleID == outcome.saleID { state.lightspeed.pendingLink = nil }
                state.lightspeed.link = nil
                let effects = openCheckout(id, &state)
                state.status = outcome.status != .recorded || outcome.punchIDs.isEmpty
                    ? StatusMessage(outcome.message) : .success(outcome.message)
                offerRefundRemoval(outcome, &state)
                return effects
            case .noLinkedCustomer:
                state.modal = nil
                state.lightspeed.link = nil
                state.route = .lookup
                state.status = StatusMessage(LightspeedStrings.findOrAdd(outcome))
                guard let who = outcome.lightspeedCustomer else { return [] }
                state.lightspeed.pendingLink = PendingLightspeedLink(
                    customer: who, press: LightspeedButtonPress(kind: outcome.kind, saleID: outcome.saleID,
                                                                customerID: who.lightspeedID))
                state.lookup.query.setText(LightspeedStrings.searchText(for: who))
                return LookupFeature.refresh(&state.lookup)
            case .noCustomerOnSale, .voided:
                state.status = .error(outcome.message)
                return []
            }

        case .pendingSaleEnded(let outcome, let gaveUp):
            // Never pulls the cashier away from what they are doing: the customer's open checkout reloads,
            // anywhere else the status line says what happened.
            guard state.session != nil else { return [] }
            let words = gaveUp ? LightspeedStrings.stoppedWaiting(outcome) : outcome.message
            state.status = outcome.status == .recorded && !outcome.punchIDs.isEmpty && !gaveUp
                ? .success(words) : StatusMessage(words)
            guard let id = outcome.customerID, case .checkout(id) = state.route else { return [] }
            if state.checkout.modal == nil { offerRefundRemoval(outcome, &state) }
            return [.checkout(.load(customerID: id, redeemedPunches: state.checkout.readsRedeemedPunches))]

        case .saleFailed(_, let failure), .simulationFailed(let failure):
            state.status = .error(LightspeedLinkStrings.failed(failure))
            return []

        case .buttonUnavailable(let failure):
            state.lightspeed.buttonOff = LightspeedLinkStrings.buttonOff(failure)
            state.status = .error(LightspeedLinkStrings.buttonOff(failure))
            return []

        case .buttonAvailable:
            state.lightspeed.buttonOff = nil
            return []

        case .watcher(let line, let isProblem):
            state.lightspeed.watcherLine = line
            state.lightspeed.setup.watcherLine = line
            state.lightspeed.watcherProblem = isProblem
            // Each look may have queued a change from Lightspeed: a manager's count is read again (an index read).
            return ChangesFeature.refreshCount(session: state.session)

        case .setup(let m):
            return lightspeedSetup(&state, m)

        case .link(let m):
            return lightspeedLink(&state, m)

        case .linkPendingCustomer:
            guard let session = state.session else { return [] }
            guard session.may(.editCustomer) else {
                state.status = .error(FeatureStrings.notAllowed(.editCustomer))
                return []
            }
            guard case .checkout(let id) = state.route else { return [] }
            guard let pending = state.lightspeed.pendingLink else {
                // Nothing waits: search Lightspeed customers to link this one.
                return lightspeedLink(&state, .openSearch)
            }
            state.status = StatusMessage(LightspeedStrings.linking(pending.customer))
            return [.lightspeed(.linkAndHandle(customerID: id, lightspeedID: pending.customer.lightspeedID,
                                               press: pending.press, by: session.op))]

        case .simulateSale:
            guard state.session != nil else { return [] }
            guard state.trainingMode else {
                state.status = .error(LightspeedStrings.simulateOnlyInTraining)
                return []
            }
            guard case .checkout = state.route,
                  let linked = state.checkout.data?.customer.lightspeedCustomerID else {
                state.status = .error(LightspeedStrings.simulateNeedsLinkedCustomer)
                return []
            }
            state.status = StatusMessage(LightspeedStrings.simulating)
            return [.lightspeed(.simulateSale(lightspeedCustomerID: linked))]
        }
    }
}

/// The Lightspeed button's words on the counter screen.
public enum LightspeedStrings {
    /// The help line of F9 on the checkout screen.
    public static let keySimulateSale = "Training: ring up a Lightspeed sale and press the button"
    public static let buttonOffLabel = "BUTTON OFF"

    static func linking(_ who: LightspeedCustomerInfo) -> String {
        "Linking to Lightspeed customer \(who.fullName) (\(who.lightspeedID)) and recording the sale…"
    }

    static func signInFirst(_ saleID: String) -> String {
        "Lightspeed button (sale \(saleID)): sign in, then press the button in Lightspeed again."
    }

    static func fetching(_ press: LightspeedButtonPress) -> String {
        "Lightspeed \(press.kind == .refund ? "refund" : "sale") \(press.saleID): fetching…"
    }

    /// What lookup says under an unlinked press (short: the status line is one row).
    static func findOrAdd(_ outcome: LightspeedSaleOutcome) -> String {
        "Lightspeed \(outcome.saleID): \(outcome.lightspeedCustomer?.fullName ?? "customer") not linked. "
            + "Enter on them links, F2 adds them."
    }

    /// A waiting press no longer waits: open for days, or its customer's link changed while it was open.
    static func stoppedWaiting(_ outcome: LightspeedSaleOutcome) -> String {
        switch outcome.status {
        case .noLinkedCustomer, .noCustomerOnSale:
            "Lightspeed sale \(outcome.saleID) completed but its customer is not linked here any more: press the button again."
        default:
            "Lightspeed sale \(outcome.saleID) is still open after days: no longer waiting (Import History finds it once completed)."
        }
    }

    static let simulateOnlyInTraining = "F9 simulates a Lightspeed sale in training mode only."
    static let simulateNeedsLinkedCustomer =
        "F9 simulates a Lightspeed sale on the checkout of a customer linked to Lightspeed."
    static let simulating = "Training: ringing up a sale in the Lightspeed simulator and pressing the button…"

    /// What lookup searches for an unlinked Lightspeed customer: the phone, else the email, else the name.
    static func searchText(for who: LightspeedCustomerInfo) -> String {
        if let phone = who.phone, phone.contains(where: \.isNumber) { return phone }
        if let email = who.email, !email.isEmpty { return email }
        return who.fullName
    }
}

extension AppFeature {
    /// A refund's punches are not removed by the press itself (the cashier checks the item came back): the
    /// checkout asks, and one Y removes them all — with a manager's PIN for a cashier, as any removal.
    func offerRefundRemoval(_ outcome: LightspeedSaleOutcome, _ state: inout AppState) {
        guard let session = state.session, !outcome.refundPunchIDs.isEmpty else { return }
        state.checkout.modal = .confirm(PendingAction(
            action: .removeRefundedPunches(punchIDs: outcome.refundPunchIDs, refundSaleID: outcome.saleID),
            title: CheckoutStrings.refundRemovalTitle(outcome.saleID),
            lines: CheckoutStrings.refundRemovalLines(outcome.refundPunchItems),
            needsApproval: !session.may(.removePunch)))
    }
}
