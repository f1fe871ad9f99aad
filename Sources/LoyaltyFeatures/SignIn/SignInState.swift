import LoyaltyCore
import TerminalKit

/// The sign-in (and unlock) screen: a username and a password, or a quick PIN for someone who already
/// signed in with their password on this terminal since the program started.
public struct SignInState: Hashable, Sendable {
    public enum Field: Hashable, Sendable { case username, secret }
    public enum Method: Hashable, Sendable { case password, pin }

    public var username: TextFieldState
    public var secret: TextFieldState
    public var focus: Field
    public var method: Method
    public var error: String?
    /// A check is running: Enter is ignored until it answers.
    public var isChecking: Bool
    /// Usernames that signed in with a password in this process: they may unlock with their PIN.
    public var knownUsers: [String]
    /// Set while the terminal is locked: who was signed in.
    public var lockedBy: String?

    public init(knownUsers: [String] = []) {
        username = TextFieldState(maxLength: 64)
        secret = SignInState.secretField(for: .password)
        focus = .username
        method = .password
        error = nil
        isChecking = false
        self.knownUsers = knownUsers
        lockedBy = nil
    }

    /// The store's longest PIN (4 to 8 digits).
    public static let longestPIN = 8

    /// Passwords take anything; PINs only digits. Both are drawn as bullets. The PIN field holds a whole
    /// barcode (14 digits), so a scan arriving here is seen as one instead of cut to a wrong 8-digit PIN.
    static func secretField(for method: Method) -> TextFieldState {
        switch method {
        case .password: TextFieldState(maxLength: 128, isSecure: true)
        case .pin: TextFieldState(maxLength: 14, allowed: .digits, isSecure: true)
        }
    }

    /// The focused field's text.
    public var focusedText: String { focus == .username ? username.text : secret.text }

    /// Empties the focused field (a scan landed in it).
    public mutating func clearFocusedField() {
        switch focus {
        case .username: username.setText("")
        case .secret: secret = Self.secretField(for: method)
        }
    }

    /// The screen after `user` locked the terminal: their name filled in, PIN ready.
    public static func locked(by username: String, knownUsers: [String]) -> SignInState {
        var state = SignInState(knownUsers: knownUsers)
        state.lockedBy = username
        state.username.setText(username)
        if knownUsers.contains(username) {
            state.method = .pin
            state.secret = secretField(for: .pin)
        }
        state.focus = .secret
        return state
    }

    /// True when the PIN method may be offered (someone signed in earlier on this terminal).
    public var pinAvailable: Bool { !knownUsers.isEmpty }
}

/// How a secret was typed, as the effect carries it to the store. Never logged.
public enum Credential: Hashable, Sendable, CustomStringConvertible {
    case password(String)
    case pin(String)

    public var description: String {
        switch self {
        case .password: "password(••••)"
        case .pin: "pin(••••)"
        }
    }
}
