import LoyaltyCore
import TerminalKit

/// The sign-in screen's rules. What happens after a successful sign-in (the session, the route) is the
/// shell's business: `AppFeature` watches for `.signedIn`.
public enum SignInFeature {
    public static func update(_ state: inout SignInState, _ msg: SignInMsg) -> [Effect] {
        switch msg {
        case .edit(let key):
            switch state.focus {
            case .username:
                if state.username.handle(key) == .edited { state.error = nil }
            case .secret:
                if state.secret.handle(key) == .edited { state.error = nil }
            }
            return []

        case .nextField, .previousField:
            state.focus = state.focus == .username ? .secret : .username
            return []

        case .toggleMethod:
            guard state.pinAvailable || state.method == .pin else {
                state.error = FeatureStrings.pinNeedsEarlierSignIn
                return []
            }
            state.method = state.method == .password ? .pin : .password
            state.secret = SignInState.secretField(for: state.method)
            if state.method == .pin, state.username.text.isEmpty, let last = state.knownUsers.last {
                state.username.setText(last)
            }
            state.focus = state.username.text.isEmpty ? .username : .secret
            state.error = nil
            return []

        case .submit:
            guard !state.isChecking else { return [] }
            let username = state.username.text.trimmingCharacters(in: .whitespaces)
            if username.isEmpty {
                state.error = FeatureStrings.signInNeedsUsername
                state.focus = .username
                return []
            }
            if state.focus == .username && state.secret.text.isEmpty {
                state.focus = .secret
                return []
            }
            if state.secret.text.isEmpty {
                state.error = state.method == .pin ? FeatureStrings.signInNeedsPIN : FeatureStrings.signInNeedsPassword
                state.focus = .secret
                return []
            }
            // Longer than any PIN: not a PIN, so not a try that counts towards the lock.
            if state.method == .pin && state.secret.text.count > SignInState.longestPIN {
                state.error = FeatureStrings.pinLength
                state.secret = SignInState.secretField(for: .pin)
                state.focus = .secret
                return []
            }
            if state.method == .pin && !state.knownUsers.contains(username) {
                state.error = FeatureStrings.pinNeedsEarlierSignIn
                return []
            }
            state.isChecking = true
            state.error = nil
            let credential: Credential = state.method == .pin ? .pin(state.secret.text) : .password(state.secret.text)
            return [.authenticate(username: username, credential)]

        case .signedIn:
            // The shell replaces this state; clear the secret in case it is kept.
            state.isChecking = false
            state.secret = SignInState.secretField(for: state.method)
            return []

        case .signInFailed(let failure):
            state.isChecking = false
            // No password is kept on the counter to check offline: signing in waits for the server.
            if case .store(.serverUnreachable) = failure {
                state.error = OfflineStrings.signInNeedsServer
            } else {
                state.error = FeatureStrings.reason(failure)
            }
            state.secret = SignInState.secretField(for: state.method)
            state.focus = .secret
            return []
        }
    }
}
