import LoyaltyCore
import TerminalKit

/// What the Enable Lightspeed screen knows about the connection, as the composition root reads it: never a
/// token, a PKCE verifier or a client secret (only whether a store's own registration with one is in use).
public struct LightspeedSetupInfo: Hashable, Sendable {
    /// The connected account, nil when not connected.
    public var accountID: String?
    public var accountName: String?
    /// The built-in simulator stands in for Lightspeed: nothing to connect.
    public var trainingMode: Bool
    /// Astro Loyalty's own, or the store's registration from the config or `ASTRO_LIGHTSPEED_CLIENT_ID`.
    public var clientID: String?
    /// A store's own confidential registration (secret from the environment) rather than Astro Loyalty's
    /// public client with PKCE (the default, no secret anywhere).
    public var usesClientSecret: Bool
    /// The configured redirect address; nil: the HTTPS page registered with the client.
    public var redirectURI: String?
    /// Where the admin approves the program; nil when it cannot connect (training, unusable settings).
    public var authorizeURL: String?
    /// The `state` the pasted redirect must carry back.
    public var authorizeState: String?
    /// The address to paste into Lightspeed's Custom Menus (the same on the Sale and the Refund tab).
    public var buttonURL: String
    /// Why connecting is not possible now (unusable settings, training data missing).
    public var problem: EffectError?
    /// The problem in words, for the screen.
    public var problemSentence: String? { problem.map(LightspeedLinkStrings.failed) }

    public init(accountID: String? = nil, accountName: String? = nil, trainingMode: Bool = false,
                clientID: String? = nil, usesClientSecret: Bool = false, redirectURI: String? = nil,
                authorizeURL: String? = nil,
                authorizeState: String? = nil, buttonURL: String, problem: EffectError? = nil) {
        self.accountID = accountID
        self.accountName = accountName
        self.trainingMode = trainingMode
        self.clientID = clientID
        self.usesClientSecret = usesClientSecret
        self.redirectURI = redirectURI
        self.authorizeURL = authorizeURL
        self.authorizeState = authorizeState
        self.buttonURL = buttonURL
        self.problem = problem
    }

    public var isConnected: Bool { accountID != nil }

    /// The store's time zone disagrees with the account's shops (`ShopTimeZoneCheck`); nil when they agree.
    public var timeZoneWarning: String?
}

/// The Enable Lightspeed screen (admin): the connection as loaded, the field the redirect address is
/// pasted into, and the disconnect confirmation.
public struct LightspeedSetupState: Hashable, Sendable {
    public var info: LightspeedSetupInfo?
    /// The pasted redirect address or bare code (codes and addresses are long: room for them).
    public var pasted = TextFieldState(maxLength: 4096)
    /// A connect or disconnect is running: keys wait for its answer.
    public var busy = false
    public var confirmingDisconnect = false
    /// The last failure, shown on the screen until the next try.
    public var error: String?
    /// Where F4 saved the authorize address (one unbroken line in an owner-only file).
    public var addressFile: String?
    /// The sales watcher's state, as the status bar words it (nil: no watcher runs in this counter).
    public var watcherLine: String?

    public init() {}
}

/// The Enable Lightspeed screen's messages: keys, then the composition root's answers.
public enum LightspeedSetupMsg: Hashable, Sendable {
    /// Typing or pasting into the address field.
    case edit(Key)
    /// Enter: exchange what was pasted.
    case submit
    /// F5: reload the status and make a new authorize address.
    case reload
    /// F8: disconnect (asks first).
    case requestDisconnect
    case confirmDisconnect
    case cancelDisconnect
    /// F4: save the authorize address to an owner-only file (the screen breaks it over lines).
    case saveAddress

    // Results
    case addressSaved(path: String)
    case loaded(LightspeedSetupInfo)
    case connected(LightspeedSetupInfo)
    case disconnected(LightspeedSetupInfo)
    case failed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .edit, .submit, .reload, .requestDisconnect, .confirmDisconnect, .cancelDisconnect, .saveAddress: true
        case .loaded, .connected, .disconnected, .failed, .addressSaved: false
        }
    }
}
