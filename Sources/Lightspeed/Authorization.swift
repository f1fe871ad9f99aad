import Foundation
internal import Crypto

/// One connection attempt: the URL to open in a browser and the `state` the redirect must carry back.
/// The attempt's PKCE `code_verifier` is not here: the client keeps it (by `state`) until the code comes back.
public struct AuthorizationRequest: Sendable, Equatable {
    public var url: URL
    public var state: String

    public init(url: URL, state: String) {
        self.url = url
        self.state = state
    }
}

/// PKCE (RFC 7636, S256): a public client proves that the code it exchanges came from its own attempt.
public enum PKCE {
    /// A fresh `code_verifier`: 32 random bytes, base64url (43 characters of the unreserved set).
    public static func makeVerifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    /// `code_challenge` = BASE64URL(SHA-256(ASCII(code_verifier))).
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }
}

/// The verifiers of connect attempts whose code has not come back yet, by `state`. In memory only (never
/// logged, never stored): a restarted program starts a new attempt. A few are kept, so an admin who made a
/// new address (F5) can still paste from the previous one; the oldest go first.
final class PendingAttempts: @unchecked Sendable {
    private let lock = NSLock()
    private var verifiers: [(state: String, verifier: String)] = []
    private let keep = 5

    func add(state: String, verifier: String) {
        lock.withLock {
            verifiers.append((state, verifier))
            if verifiers.count > keep { verifiers.removeFirst(verifiers.count - keep) }
        }
    }

    func verifier(for state: String) -> String? {
        lock.withLock { verifiers.last { $0.state == state }?.verifier }
    }

    /// The attempt succeeded: its verifier is spent.
    func finish(state: String) {
        lock.withLock { verifiers.removeAll { $0.state == state } }
    }
}

public enum LightspeedAuthorization {
    /// A fresh random `state` (32 bytes, base64url).
    public static func randomState() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64URL.encode(Data(bytes))
    }

    /// The authorize address for one attempt: PKCE's challenge of `verifier` always (public or not), and
    /// `redirect_uri` only when one is configured (Lightspeed otherwise uses the registered address).
    public static func request(configuration: LightspeedConfiguration, state: String = randomState(),
                               verifier: String) -> AuthorizationRequest {
        var items = [
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("state", state),
            ("code_challenge", PKCE.challenge(for: verifier)),
            ("code_challenge_method", "S256"),
        ]
        if let redirect = configuration.redirectURI { items.append(("redirect_uri", redirect)) }
        let query = QueryEncoding.build(items)
        let base = configuration.authBaseURL.absoluteString.trimmingTrailingSlash
        return AuthorizationRequest(url: URL(string: "\(base)/auth/oauth/authorize?\(query)")!, state: state)
    }

    /// The code from what the admin pasted: the whole redirect URL (whose `state` must match) or the bare code.
    public static func code(fromPasted pasted: String, expectedState: String) throws(LightspeedError) -> String {
        let text = pasted.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalidRedirect }
        let looksLikeURL = text.contains("?") || text.contains("://") || text.contains("code=")
        guard looksLikeURL else {
            guard text.allSatisfy({ !$0.isWhitespace }) else { throw .invalidRedirect }
            return text
        }
        let rawQuery: String
        if let question = text.firstIndex(of: "?") {
            rawQuery = String(text[text.index(after: question)...].split(separator: "#", maxSplits: 1).first ?? "")
        } else {
            rawQuery = text
        }
        let items = QueryEncoding.parse(rawQuery)
        if let error = items.first(where: { $0.0 == "error" })?.1 {
            throw .codeRejected(detail: "authorize returned error=\(error)")
        }
        guard let code = items.first(where: { $0.0 == "code" })?.1, !code.isEmpty else { throw .invalidRedirect }
        guard items.first(where: { $0.0 == "state" })?.1 == expectedState else { throw .stateMismatch }
        return code
    }
}

/// base64url without padding, as JWKS and button signatures use it.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> Data? {
        var base = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        // Tolerate standard base64 and stray padding too.
        base = base.replacingOccurrences(of: "=", with: "")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}

extension String {
    var trimmingTrailingSlash: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
