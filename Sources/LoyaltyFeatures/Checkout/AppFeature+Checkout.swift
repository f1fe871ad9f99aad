import LoyaltyCore
import TerminalKit

/// The shell's side of the checkout screen: opening it, leaving it (asking first when something is
/// typed), editing the customer, the Import History hook, and moving the screen's notice to the
/// status line. Everything else is `CheckoutFeature`.
extension AppFeature {
    /// Opens the checkout screen for a customer and loads them.
    public func openCheckout(_ id: Int64, _ state: inout AppState) -> [Effect] {
        state.modal = nil
        state.checkout = CheckoutState(customerID: id)
        state.checkout.confirmQuantityAbove = confirmQuantityAbove
        state.route = .checkout(id)
        return [.checkout(.load(customerID: id))]
    }

    func checkout(_ state: inout AppState, _ msg: CheckoutMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent {
            guard case .checkout = state.route else { return [] }
        }
        switch msg {
        case .escape where state.checkout.modal == nil:
            if state.checkout.hasUnfinishedInput {
                state.checkout.modal = .confirmLeave
                return []
            }
            state.route = .lookup
            return []
        case .enter where state.checkout.modal == .confirmLeave && state.checkout.scan.text.isEmpty, .leave:
            guard msg != .leave || state.checkout.modal == .confirmLeave else { return [] }
            state.checkout.modal = nil
            state.checkout.scan.setText("")
            state.route = .lookup
            return []
        case .editCustomer:
            guard session.may(.editCustomer) else {
                state.status = .error(FeatureStrings.notAllowed(.editCustomer))
                return []
            }
            let returnRoute = Route.checkout(state.checkout.customerID)
            if let customer = state.checkout.data?.customer {
                state.customerForm = .editing(customer, pets: state.checkout.data?.detail.pets ?? [],
                                              returnRoute: returnRoute)
                state.route = .customerForm
                return []
            }
            return [.loadCustomerForEdit(id: state.checkout.customerID, returnRoute: returnRoute)]
        case .importHistory:
            // Import History's own route (AppFeature+ImportHistory), for the customer shown here.
            return openImportHistory(state.checkout.customerID, &state)
        default:
            let effects = CheckoutFeature.update(&state.checkout, msg, session: session)
            if let notice = state.checkout.notice {
                state.status = notice
                state.checkout.notice = nil
            }
            return effects
        }
    }
}
