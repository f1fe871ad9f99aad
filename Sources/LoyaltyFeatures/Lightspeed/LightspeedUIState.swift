import LoyaltyCore

/// What the shell remembers about Lightspeed between messages: whether the button works at all (shown in the
/// status bar for the whole session), and a press waiting for its Lightspeed customer to be linked.
public struct LightspeedUIState: Hashable, Sendable {
    /// Why the button cannot work (port taken, Lightspeed unavailable); nil when it listens.
    public var buttonOff: String?
    /// A press for a Lightspeed customer linked to nobody: L on a customer's checkout links them and records it.
    public var pendingLink: PendingLightspeedLink?

    public init(buttonOff: String? = nil, pendingLink: PendingLightspeedLink? = nil) {
        self.buttonOff = buttonOff
        self.pendingLink = pendingLink
    }

    /// The status bar's word for it.
    public var buttonOffLabel: String? { buttonOff == nil ? nil : LightspeedStrings.buttonOffLabel }
}

/// The Lightspeed customer to link and the press to handle once linked.
public struct PendingLightspeedLink: Hashable, Sendable {
    public var customer: LightspeedCustomerInfo
    public var press: LightspeedButtonPress

    public init(customer: LightspeedCustomerInfo, press: LightspeedButtonPress) {
        self.customer = customer
        self.press = press
    }
}
