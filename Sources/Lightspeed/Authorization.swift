import Foundation

/// One connection attempt: the URL to open in a browser and the `state` the redirect must carry back.
public struct AuthorizationRequest: Sendable, Equatable {
    public var url: URL
    public var state: String

    public init(url: URL, state: String) {
        self.url = url
        self.state = state
    }
}

public enum LightspeedAuthorization {
    /// A fresh random `state` (32 bytes, base64url).
    public static func randomState() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64URL.encode(Data(bytes))
    }

    public static func request(configuration: LightspeedConfiguration, state: String = randomState()) -> AuthorizationRequest {
        let query = QueryEncoding.build([
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("state", state),
            ("redirect_uri", configuration.redirectURI),
        ])
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
