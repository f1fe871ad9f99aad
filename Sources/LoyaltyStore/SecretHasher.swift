internal import Crypto
internal import _CryptoExtras
import Foundation

/// Hashes passwords and PINs with salted PBKDF2-HMAC-SHA256, the parameters stored with the
/// hash (`pbkdf2-sha256$rounds$salt$hash`) so that they can be raised later without
/// invalidating existing secrets. A 4-digit PIN is weak by nature: the slow hash and the
/// 5-try lock are what protect it.
public struct SecretHasher: Sendable, Hashable {
    /// Iterations for new hashes.
    public var rounds: Int

    /// Production strength (OWASP's figure for PBKDF2-SHA256).
    public static let standard = SecretHasher(rounds: 600_000)

    public init(rounds: Int) {
        self.rounds = rounds
    }

    /// A new salted hash of `secret`.
    public func hash(_ secret: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let key = try Self.derive(secret, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// A well-formed hash that matches nothing, at this hasher's cost: checking a secret against it
    /// takes as long as a real check (for unknown usernames).
    var decoy: String {
        "pbkdf2-sha256$\(rounds)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    }

    /// True when `secret` matches `stored`. Compares in constant time; false for any
    /// malformed stored value.
    public static func verify(_ secret: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])),
              let expected = Data(base64Encoded: String(parts[3])), !expected.isEmpty,
              let actual = try? derive(secret, salt: [UInt8](salt), rounds: rounds, length: expected.count)
        else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(actual, expected) { difference |= a ^ b }
        return difference == 0 && actual.count == expected.count
    }

    private static func derive(_ secret: String, salt: [UInt8], rounds: Int, length: Int = 32) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(secret.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: length, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}
