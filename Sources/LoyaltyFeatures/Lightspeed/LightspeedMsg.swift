import LoyaltyCore
import LoyaltyStore

/// The counter screen's Lightspeed events: a verified button press from the listener, what handling it
/// did, the listener's health, and (training mode) the cashier's request to simulate a sale.
public enum LightspeedMsg: Hashable, Sendable {
    /// The listener accepted a signed press (a result, not a key: it does not keep the terminal awake).
    case buttonPressed(LightspeedButtonPress)
    case saleHandled(LightspeedSaleOutcome)
    case saleFailed(saleID: String, message: String)
    /// The button cannot work (port taken, Lightspeed not connected): said once on the status line.
    case buttonUnavailable(String)
    /// Training mode (F9 on a linked customer's checkout): ring up a demo sale in the simulator and press
    /// the button through the real listener.
    case simulateSale
    /// The simulator could not ring up or press.
    case simulationFailed(String)
    /// L on a checkout: link this customer to the Lightspeed customer of the waiting press, then record it.
    case linkPendingCustomer

    public var isIntent: Bool { self == .simulateSale || self == .linkPendingCustomer }
}

/// The Lightspeed work the composition root performs (it owns the client, the simulator and the listener).
public enum LightspeedEffect: Hashable, Sendable, CustomStringConvertible {
    case handleButton(LightspeedButtonPress, by: Operator)
    case simulateSale(lightspeedCustomerID: String)
    /// Remembers the link (audited), then handles the waiting press for that customer.
    case linkAndHandle(customerID: Int64, lightspeedID: String, press: LightspeedButtonPress, by: Operator)

    public var description: String {
        switch self {
        case .handleButton(let press, let op): "lightspeed.handleButton(\(press.kind.rawValue) \(press.saleID), by: \(op.username))"
        case .simulateSale(let id): "lightspeed.simulateSale(customer \(id))"
        case .linkAndHandle(let id, let lightspeedID, let press, let op):
            "lightspeed.linkAndHandle(\(id) → Lightspeed \(lightspeedID), sale \(press.saleID), by: \(op.username))"
        }
    }
}
