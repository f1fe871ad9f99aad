import LoyaltyCore
import LoyaltyStore

/// The counter screen's Lightspeed events: a verified button press from the listener, what handling it
/// did, the listener's health, and (training mode) the cashier's request to simulate a sale; the Enable
/// Lightspeed screen (`setup`) and the checkout's link management (`link`).
public enum LightspeedMsg: Hashable, Sendable {
    /// The listener accepted a signed press (a result, not a key: it does not keep the terminal awake).
    case buttonPressed(LightspeedButtonPress)
    case saleHandled(LightspeedSaleOutcome)
    /// A press that waited for its sale to complete ended: recorded (completed), nothing (voided), or no longer
    /// waited for (`gaveUp`: open for days, or its customer's link changed meanwhile).
    case pendingSaleEnded(LightspeedSaleOutcome, gaveUp: Bool)
    case saleFailed(saleID: String, EffectError)
    /// The button cannot work (port taken, Lightspeed not connected): said once on the status line.
    case buttonUnavailable(EffectError)
    /// The button works again (Lightspeed connected from the Enable Lightspeed screen).
    case buttonAvailable
    /// Training mode (F9 on a linked customer's checkout): ring up a demo sale in the simulator and press
    /// the button through the real listener.
    case simulateSale
    /// The simulator could not ring up or press.
    case simulationFailed(EffectError)
    /// L on a checkout: link this customer to the Lightspeed customer of the waiting press, then record it;
    /// with no press waiting, search Lightspeed customers to link.
    case linkPendingCustomer
    /// Enable Lightspeed (admin).
    case setup(LightspeedSetupMsg)
    /// The checkout's Lightspeed link: unlink ("Incorrect customer"), search and pick.
    case link(LightspeedLinkMsg)
    /// The sales watcher's state changed: its status-bar words (WatcherStrings.statusLine) and whether it is a problem.
    case watcher(line: String, isProblem: Bool)

    public var isIntent: Bool {
        switch self {
        case .simulateSale, .linkPendingCustomer: true
        case .setup(let m): m.isIntent
        case .link(let m): m.isIntent
        default: false
        }
    }
}

/// The Lightspeed work the composition root performs (it owns the client, the simulator and the listener).
public enum LightspeedEffect: Hashable, Sendable, CustomStringConvertible {
    case handleButton(LightspeedButtonPress, by: Operator)
    case simulateSale(lightspeedCustomerID: String)
    /// Remembers the link (audited), then handles the waiting press for that customer.
    case linkAndHandle(customerID: Int64, lightspeedID: String, press: LightspeedButtonPress, by: Operator)
    /// Enable Lightspeed: the connection, a fresh authorize address, the button address.
    case loadSetup
    /// Exchanges the pasted redirect address (or bare code) and keeps the tokens (admin).
    case connect(pasted: String, expectedState: String, by: Operator)
    /// Forgets the connection (admin); customer links stay.
    case disconnect(by: Operator)
    /// Lightspeed customers by name, phone or email, with whom each is linked to here.
    case searchCustomers(text: String, generation: Int)
    /// Links a customer to a Lightspeed customer (audited; one customer per Lightspeed ID).
    case link(customerID: Int64, lightspeedID: String, by: Operator)
    /// "Incorrect customer": forgets a customer's link (audited).
    case unlink(customerID: Int64, by: Operator)

    /// For the log: never the pasted code, a token or a customer's details.
    public var description: String {
        switch self {
        case .handleButton(let press, let op): "lightspeed.handleButton(\(press.kind.rawValue) \(press.saleID), by: \(op.username))"
        case .simulateSale(let id): "lightspeed.simulateSale(customer \(id))"
        case .linkAndHandle(let id, let lightspeedID, let press, let op):
            "lightspeed.linkAndHandle(\(id) → Lightspeed \(lightspeedID), sale \(press.saleID), by: \(op.username))"
        case .loadSetup: "lightspeed.loadSetup"
        case .connect(_, _, let op): "lightspeed.connect(by: \(op.username))"
        case .disconnect(let op): "lightspeed.disconnect(by: \(op.username))"
        case .searchCustomers(let text, let generation): "lightspeed.searchCustomers(\(text.count) chars, #\(generation))"
        case .link(let id, let lightspeedID, let op): "lightspeed.link(\(id) → Lightspeed \(lightspeedID), by: \(op.username))"
        case .unlink(let id, let op): "lightspeed.unlink(\(id), by: \(op.username))"
        }
    }
}
