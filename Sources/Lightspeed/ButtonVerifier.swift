import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
internal import Crypto
internal import _CryptoExtras
import Logging

/// Checks a Lightspeed custom-button request: RS256 over the normalized button URL with its query sorted,
/// a key from Lightspeed's JWKS (cached by `kid`, fetched again only for an unknown one), an unexpired
/// `exp`, the connected account, and no second use of the same signature.
public actor ButtonVerifier {
    public static let lightspeedJWKS = URL(string: "https://cloud.lightspeedapp.com/.well-known/jwks")!
    static let required = ["type", "accountID", "saleID", "exp", "kid", "alg", "signature"]

    private let jwksURL: URL
    private let expectedAccountID: String
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    /// Allowance for this computer's clock running ahead of Lightspeed's.
    private let clockLeeway: TimeInterval
    private let logger: Logger
    private var keys: [String: _RSA.Signing.PublicKey] = [:]
    private var lastFetch: Date?
    private var used: [String: Date] = [:]

    public init(jwksURL: URL = ButtonVerifier.lightspeedJWKS, expectedAccountID: String,
                transport: any HTTPTransport = URLSessionTransport(), now: @escaping @Sendable () -> Date = { Date() },
                clockLeeway: TimeInterval = 30, logger: Logger = Logger(label: "astro.lightspeed.button")) {
        self.jwksURL = jwksURL
        self.expectedAccountID = expectedAccountID
        self.transport = transport
        self.now = now
        self.clockLeeway = clockLeeway
        self.logger = logger
    }

    /// Verifies the full URL as Lightspeed opened it (the button URL plus the appended parameters).
    public func verify(url: URL) async -> Result<ButtonEvent, ButtonRefusal> {
        let raw = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        return await verify(buttonURL: url, rawQuery: raw)
    }

    /// For a listener: `buttonURL` is the URL configured in Lightspeed (scheme, host, port, path; as the
    /// register saw it, not the loopback address), `rawQuery` the query string the request carried.
    public func verify(buttonURL: URL, rawQuery: String) async -> Result<ButtonEvent, ButtonRefusal> {
        let items = QueryEncoding.parse(rawQuery)
        do {
            let event = try await check(base: ButtonSignature.normalizedBase(of: buttonURL), items: items)
            logger.info("Button \(event.rawType) for sale \(event.saleID) accepted")
            return .success(event)
        } catch let refusal as ButtonRefusal {
            logger.warning("\(refusal.description)")
            return .failure(refusal)
        } catch {
            return .failure(.keysUnavailable(detail: String(describing: error)))
        }
    }

    private func check(base: String, items: [(String, String)]) async throws -> ButtonEvent {
        func value(_ name: String) -> String? {
            items.last { $0.0 == name }.map { $0.1 }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let missing = Self.required.filter { value($0) == nil }
        guard missing.isEmpty else { throw ButtonRefusal.missingFields(missing) }
        let alg = value("alg")!, kid = value("kid")!, expText = value("exp")!, signatureText = value("signature")!
        guard alg == "RS256" else { throw ButtonRefusal.unsupportedAlgorithm(alg) }
        guard let exp = Double(expText) else { throw ButtonRefusal.badExpiry(expText) }
        let expiresAt = Date(timeIntervalSince1970: exp)
        let current = now()
        guard expiresAt.addingTimeInterval(clockLeeway) >= current else { throw ButtonRefusal.expired }
        guard let signatureBytes = Base64URL.decode(signatureText) else { throw ButtonRefusal.badSignature }

        let key = try await key(for: kid)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signatureBytes)
        let valid = ButtonSignature.Escaping.allCases.contains { escaping in
            let text = ButtonSignature.canonicalString(base: base, items: items, escaping: escaping)
            return key.isValidSignature(signature, for: SHA256.hash(data: Data(text.utf8)), padding: .insecurePKCS1v1_5)
        }
        guard valid else { throw ButtonRefusal.badSignature }

        let accountID = value("accountID")!
        guard accountID == expectedAccountID else { throw ButtonRefusal.wrongAccount(accountID) }
        let rawType = value("type")!
        let kind: ButtonEvent.Kind
        switch rawType.lowercased() {
        case "sale": kind = .sale
        case "refund", "return": kind = .refund
        default: throw ButtonRefusal.unsupportedType(rawType)
        }

        used = used.filter { $0.value.addingTimeInterval(clockLeeway) >= current }
        guard used[signatureText] == nil else { throw ButtonRefusal.replayed }
        used[signatureText] = expiresAt

        let customer = value("customerID").flatMap { $0 == "0" ? nil : $0 }
        return ButtonEvent(kind: kind, rawType: rawType, accountID: accountID, saleID: value("saleID")!,
                           customerID: customer, employeeID: value("employeeID"), registerID: value("registerID"),
                           shopID: value("shopID"), systemUserID: value("systemUserID") ?? value("userID"),
                           returnURL: value("returnURL").flatMap(URL.init(string:)), expiresAt: expiresAt)
    }

    private func key(for kid: String) async throws -> _RSA.Signing.PublicKey {
        if let key = keys[kid] { return key }
        // Unknown kid: fetch again, but not more than every 10 seconds (forged kids must not hammer Lightspeed).
        if let lastFetch, now().timeIntervalSince(lastFetch) < 10, !keys.isEmpty {
            throw ButtonRefusal.unknownKey(kid)
        }
        try await fetchKeys()
        guard let key = keys[kid] else { throw ButtonRefusal.unknownKey(kid) }
        return key
    }

    /// Lightspeed's docs and its demo name different JWKS hosts (`cloud.merchantos.com`,
    /// `cloud.lightspeedapp.com`) and one redirects to the other: redirects are followed (a few hops, never
    /// from HTTPS down to plain HTTP), since the transport itself never follows one.
    static let maxRedirects = 5

    private func fetchKeys() async throws {
        lastFetch = now()
        var url = jwksURL
        var hops = 0
        var answer: HTTPAnswer
        while true {
            var request = URLRequest(url: url, timeoutInterval: 10)
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            do { answer = try await transport.send(request) } catch {
                throw ButtonRefusal.keysUnavailable(detail: LightspeedClient.describe(error))
            }
            guard [301, 302, 303, 307, 308].contains(answer.status) else { break }
            guard hops < Self.maxRedirects, let location = answer.header("Location"),
                  let next = URL(string: location, relativeTo: url)?.absoluteURL,
                  url.scheme?.lowercased() != "https" || next.scheme?.lowercased() == "https" else {
                throw ButtonRefusal.keysUnavailable(detail: "JWKS redirect \(answer.status) not followed after \(hops) hop(s)")
            }
            logger.info("JWKS moved (\(answer.status)) to \(next.absoluteString)")
            hops += 1
            url = next
        }
        guard answer.status == 200, let keySet = try? LightspeedBody.decode(KeySet.self, from: answer.body) else {
            throw ButtonRefusal.keysUnavailable(detail: "JWKS answered \(answer.status)")
        }
        for entry in keySet.keys?.items ?? [] where entry.kty.string == "RSA" {
            guard let kid = entry.kid?.text, let n = entry.n?.text.flatMap(Base64URL.decode),
                  let e = entry.e?.text.flatMap(Base64URL.decode),
                  let key = try? _RSA.Signing.PublicKey(n: n, e: e) else { continue }
            keys[kid] = key
        }
        logger.info("Fetched \(keys.count) Lightspeed signing key(s)")
    }
}
