import LoyaltyCore
import TerminalKit

/// What can happen on the sign-in screen: the cashier's intents, then the store's answers.
public enum SignInMsg: Hashable, Sendable {
    // Intents
    /// An editing key for the focused field (characters, Backspace, ←/→…).
    case edit(Key)
    case nextField
    case previousField
    case toggleMethod
    case submit
    // Results
    case signedIn(User, Credential.Kind)
    case signInFailed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .signedIn, .signInFailed: false
        default: true
        }
    }
}

extension Credential {
    /// Which kind of secret, without its value (results carry this, so no secret stays in state).
    public enum Kind: Hashable, Sendable { case password, pin }

    public var kind: Kind {
        switch self {
        case .password: .password
        case .pin: .pin
        }
    }
}
