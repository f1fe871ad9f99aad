import LoyaltyCore

/// What the shell remembers about Lightspeed between messages: whether the button works at all (shown in the
/// status bar for the whole session), a press waiting for its Lightspeed customer to be linked, the Enable
/// Lightspeed screen, and the link dialog over a checkout.
public struct LightspeedUIState: Hashable, Sendable {
    /// Why the button cannot work (port taken, Lightspeed unavailable); nil when it listens.
    public var buttonOff: String?
    /// A press for a Lightspeed customer linked to nobody: L on a customer's checkout links them and records it.
    public var pendingLink: PendingLightspeedLink?
    /// Enable Lightspeed (admin).
    public var setup = LightspeedSetupState()
    /// A Lightspeed dialog over the checkout of `link.customerID`.
    public var link: LightspeedLinkDialog?
    /// The last search generation used, so a late answer to an earlier dialog's search is dropped.
    public var searchGeneration = 0
    /// The sales watcher's status-bar words ("Lightspeed: up to date 14:02"); nil when no watcher runs here.
    public var watcherLine: String?
    public var watcherProblem = false

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
    /// The new-customer form was pre-filled from this Lightspeed customer: saving it links them.
    public var formPrefilled: Bool

    public init(customer: LightspeedCustomerInfo, press: LightspeedButtonPress, formPrefilled: Bool = false) {
        self.customer = customer
        self.press = press
        self.formPrefilled = formPrefilled
    }
}
