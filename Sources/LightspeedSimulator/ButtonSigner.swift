import Foundation
internal import Crypto
internal import _CryptoExtras
import Lightspeed

/// The simulator's own RS256 key: it signs button URLs as Lightspeed does and publishes the JWKS to check them.
struct ButtonSigner: Sendable {
    let keyID: String
    private let privateKey: _RSA.Signing.PrivateKey

    init(keyID: String, pem: String?) throws {
        self.keyID = keyID
        if let pem {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } else if let shared = Self.processKey {
            privateKey = shared
        } else {
            privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        }
    }

    /// One generated key per process: generating 2048-bit keys is slow, and a simulator's key only has to
    /// differ from Lightspeed's, not from another simulator's.
    private static let processKey: _RSA.Signing.PrivateKey? = try? _RSA.Signing.PrivateKey(keySize: .bits2048)

    var jwks: LightspeedJSON {
        guard let primitives = try? privateKey.publicKey.getKeyPrimitives() else { return .object(["keys": .array([])]) }
        let key: LightspeedJSON = .object([
            "kty": .string("RSA"), "kid": .string(keyID), "use": .string("sig"), "alg": .string("RS256"),
            "n": .string(Base64URL.encode(primitives.modulus)), "e": .string(Base64URL.encode(primitives.publicExponent)),
        ])
        return .object(["keys": .array([key])])
    }

    /// Appends `exp`, `kid`, `alg` and the base64url `signature` over the canonical text.
    func sign(url: URL, items: [(String, String)], expires: Date) throws -> URL {
        var all = items
        all += [("exp", String(Int(expires.timeIntervalSince1970))), ("kid", keyID), ("alg", "RS256")]
        let base = ButtonSignature.normalizedBase(of: url)
        let existing = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery.map(QueryEncoding.parse) ?? []
        let text = ButtonSignature.canonicalString(base: base, items: existing + all)
        let signature = try privateKey.signature(for: Data(text.utf8), padding: .insecurePKCS1v1_5)
        all.append(("signature", Base64URL.encode(signature.rawRepresentation)))
        let separator = url.absoluteString.contains("?") ? "&" : "?"
        return URL(string: url.absoluteString + separator + QueryEncoding.build(all))!
    }
}
