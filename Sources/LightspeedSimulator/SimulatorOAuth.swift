import Foundation
internal import Crypto
import Lightspeed

/// A code waiting for its exchange: whom it was issued to and what the exchange must prove.
struct IssuedCode: Sendable {
    var issued: Date
    var clientID: String
    /// The S256 `code_challenge` of the authorize request (required for the public client).
    var challenge: String?
    /// The `redirect_uri` the authorize request named, if any: the token request must name it too.
    var redirectURI: String?
}

struct IssuedAccessToken: Sendable {
    var expires: Date
    var revoked = false
    var clientID: String
    /// The refresh token this one replaced: revoked when this access token is first used (changelog
    /// 2026-01-15), so a client that lost the refresh answer can still retry with the old one.
    var supersedes: String?
}

struct IssuedRefreshToken: Sendable {
    var clientID: String
    /// The access token issued with it: revoked when this refresh token is used.
    var accessToken: String
    /// When it was used for a refresh; more than 5 in a minute are refused.
    var uses: [Date] = []
}

/// Lightspeed's OAuth as strict as the real server (section 0.1 of the spec sheet): the application's
/// public client must use PKCE (S256) and must not send a secret; a store's own confidential client must
/// send its secret; `redirect_uri` is optional and, when sent, must equal the registered HTTPS address;
/// revoked access tokens are 401 "Access token has been revoked"; a rotated refresh token stays usable
/// until the new access token is first used.
extension SimulatorState {
    static let maxRefreshRetriesPerMinute = 5

    private static func invalidGrant(_ hint: String) -> SimulatorResponse {
        .oauthError(400, "invalid_grant", "The provided authorization grant (e.g., authorization code, resource owner "
                    + "credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI "
                    + "used in the authorization request, or was issued to another client.", hint: hint)
    }

    private static func invalidRequest(_ hint: String) -> SimulatorResponse {
        .oauthError(400, "invalid_request", "The request is missing a required parameter, includes an invalid parameter "
                    + "value, includes a parameter more than once, or is otherwise malformed.", hint: hint)
    }

    private static let clientAuthenticationFailed = "Client authentication failed"

    func issueTokens(clientID: String, replacing old: String?) -> LightspeedTokens {
        let access = "sim-at-" + Self.randomToken()
        let refresh = "sim-rt-" + Self.randomToken()
        let expires = options.now().addingTimeInterval(options.accessTokenLifetime)
        accessTokens[access] = IssuedAccessToken(expires: expires, clientID: clientID, supersedes: old)
        refreshTokens[refresh] = IssuedRefreshToken(clientID: clientID, accessToken: access)
        return LightspeedTokens(accessToken: access, refreshToken: refresh, expiresAt: expires)
    }

    /// The bearer token of an API call: nil when it may pass, else the 401 to answer. Its first use revokes
    /// the refresh token it replaced.
    func authenticate(_ header: String?) -> SimulatorResponse? {
        func denied(_ hint: String) -> SimulatorResponse {
            .oauthError(401, "access_denied", "The resource owner or authorization server denied the request.", hint: hint)
        }
        guard let header, header.hasPrefix("Bearer ") else { return denied("Missing \"Authorization\" header") }
        let token = String(header.dropFirst("Bearer ".count))
        guard let issued = accessTokens[token] else { return denied("Access token could not be verified") }
        guard !issued.revoked else { return denied("Access token has been revoked") }
        guard options.now() < issued.expires else { return denied("Access token could not be verified") }
        if let old = issued.supersedes {
            refreshTokens[old] = nil
            accessTokens[token]?.supersedes = nil
        }
        return nil
    }

    /// Which registration a `client_id` names: nil when none; `true` for the public one.
    private func isPublic(_ clientID: String?) -> Bool? {
        switch clientID {
        case options.clientID?: return true
        case options.storeClientID?: return false
        default: return nil
        }
    }

    /// Client authentication at the token and revoke endpoints: nil when it passes.
    private func authenticateClient(_ fields: [String: String]) -> SimulatorResponse? {
        let secret = fields["client_secret"] ?? ""
        switch isPublic(fields["client_id"]) {
        case true?:
            // A publicly distributed client has no secret; one sent means it leaked or is misconfigured.
            guard secret.isEmpty else {
                return .oauthError(401, "invalid_client", Self.clientAuthenticationFailed,
                                   hint: "A public client must not send a client secret")
            }
        case false?:
            guard secret == options.clientSecret else {
                return .oauthError(401, "invalid_client", Self.clientAuthenticationFailed, hint: "")
            }
        case nil:
            return .oauthError(401, "invalid_client", Self.clientAuthenticationFailed, hint: "")
        }
        return nil
    }

    func authorize(_ query: [(String, String)]) -> SimulatorResponse {
        func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        guard value("response_type") == "code" else {
            return .oauthError(400, "unsupported_response_type", "The authorization server does not support this response type.", hint: "")
        }
        guard let clientID = value("client_id"), let isPublic = isPublic(clientID) else {
            return .oauthError(400, "invalid_client", Self.clientAuthenticationFailed, hint: "")
        }
        // Since 2024-01-01 a grant to a non-HTTPS redirect is blocked; a sent one must be the registered one.
        guard options.redirectURI.lowercased().hasPrefix("https://") else {
            return Self.invalidRequest("The redirect URI registered for this client must use HTTPS")
        }
        let redirectSent = value("redirect_uri").flatMap { $0.isEmpty ? nil : $0 }
        if let redirectSent, redirectSent != options.redirectURI {
            return .oauthError(400, "invalid_client", Self.clientAuthenticationFailed,
                               hint: "The redirect_uri does not match the one registered for the client")
        }
        let challenge = value("code_challenge").flatMap { $0.isEmpty ? nil : $0 }
        let method = value("code_challenge_method") ?? "plain"
        if isPublic, challenge == nil {
            return Self.invalidRequest("Code challenge must be provided for public clients")
        }
        if let challenge {
            guard method == "S256" else {
                return Self.invalidRequest("Code challenge method must be S256")
            }
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            guard (43...128).contains(challenge.count), challenge.unicodeScalars.allSatisfy(allowed.contains) else {
                return Self.invalidRequest("Code challenge must follow the specifications of RFC-7636.")
            }
        }
        let code = "sim-code-" + Self.randomToken()
        codes[code] = IssuedCode(issued: options.now(), clientID: clientID, challenge: challenge, redirectURI: redirectSent)
        let target = options.redirectURI
        var location = target + (target.contains("?") ? "&" : "?") + "code=" + QueryEncoding.encode(code)
        if let state = value("state") { location += "&state=" + QueryEncoding.encode(state) }
        return SimulatorResponse(status: 302, headers: [("Location", location), ("Content-Type", "text/html")],
                                 body: Data("<a href=\"\(location)\">Approved</a>".utf8))
    }

    func token(_ fields: [String: String]) -> SimulatorResponse {
        if let refused = authenticateClient(fields) { return refused }
        let clientID = fields["client_id"] ?? ""
        var replacing: String?
        switch fields["grant_type"] {
        case "authorization_code":
            guard let code = fields["code"], let issued = codes[code] else {
                return Self.invalidGrant("Authorization code has been revoked")
            }
            guard issued.clientID == clientID else {
                return Self.invalidGrant("Authorization code was not issued to this client")
            }
            guard options.now().timeIntervalSince(issued.issued) <= options.authorizationCodeLifetime else {
                codes[code] = nil
                return Self.invalidGrant("Authorization code has expired")
            }
            let redirect = fields["redirect_uri"].flatMap { $0.isEmpty ? nil : $0 }
            if let sent = issued.redirectURI {
                guard redirect == sent else { return Self.invalidRequest("Check the `redirect_uri` parameter") }
            } else if let redirect, redirect != options.redirectURI {
                return .oauthError(401, "invalid_client", Self.clientAuthenticationFailed,
                                   hint: "The redirect_uri does not match the one registered for the client")
            }
            let verifier = fields["code_verifier"].flatMap { $0.isEmpty ? nil : $0 }
            if let verifier { verifiersReceived.append(verifier) }
            if let challenge = issued.challenge {
                guard let verifier else { return Self.invalidGrant("Check the `code_verifier` parameter") }
                let computed = Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
                guard computed == challenge else { return Self.invalidGrant("Failed to verify `code_verifier`.") }
            } else if verifier != nil {
                return Self.invalidRequest("code_verifier received when no code_challenge is present")
            }
            // Spent only once it has been exchanged (a wrong verifier does not burn it).
            codes[code] = nil
        case "refresh_token":
            guard let refresh = fields["refresh_token"], !refresh.isEmpty else {
                return Self.invalidRequest("Check the `refresh_token` parameter")
            }
            guard var record = refreshTokens[refresh] else {
                return .oauthError(400, "invalid_grant", "The refresh token is invalid.", hint: "Token has been revoked")
            }
            guard record.clientID == clientID else {
                return .oauthError(400, "invalid_grant", "The refresh token is invalid.", hint: "Token is not linked to client")
            }
            let now = options.now()
            record.uses = record.uses.filter { now.timeIntervalSince($0) < 60 }
            guard record.uses.count < Self.maxRefreshRetriesPerMinute else {
                return .oauthError(400, "invalid_grant", "The refresh token is invalid.",
                                   hint: "Refresh token used too often; wait a minute")
            }
            record.uses.append(now)
            refreshTokens[refresh] = record
            // The access token issued with it is revoked now; the refresh token itself once its successor is used.
            accessTokens[record.accessToken]?.revoked = true
            if options.legacyTokenResponses {
                // Legacy: no new refresh token, the old one stays valid.
                let tokens = issueTokens(clientID: clientID, replacing: nil)
                refreshTokens[tokens.refreshToken] = nil
                refreshTokens[refresh]?.accessToken = tokens.accessToken
                return .json(200, .object(["access_token": .string(tokens.accessToken), "token_type": .string("bearer"),
                                           "expires_in": .string(SimulatorState.number(options.accessTokenLifetime)),
                                           "scope": .string("employee:all systemuserid:152663")]))
            }
            replacing = refresh
        default:
            return .oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.",
                               hint: "Check that all required parameters have been provided")
        }
        let tokens = issueTokens(clientID: clientID, replacing: replacing)
        if options.legacyTokenResponses {
            return .json(200, .object(["access_token": .string(tokens.accessToken), "token_type": .string("bearer"),
                                       "expires_in": .string(SimulatorState.number(options.accessTokenLifetime)),
                                       "scope": .string("employee:all systemuserid:152663"),
                                       "refresh_token": .string(tokens.refreshToken)]))
        }
        return .json(200, .object(["token_type": .string("Bearer"), "expires_in": .number(options.accessTokenLifetime),
                                   "access_token": .string(tokens.accessToken), "refresh_token": .string(tokens.refreshToken)]))
    }

    func revoke(_ fields: [String: String]) -> SimulatorResponse {
        if let refused = authenticateClient(fields) { return refused }
        if let refresh = fields["refresh_token"], let record = refreshTokens.removeValue(forKey: refresh) {
            accessTokens[record.accessToken]?.revoked = true
        }
        return SimulatorResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data("{}".utf8), isJSON: true)
    }

    /// What a GET costs in the bucket (Lightspeed's rate-limit page): 1, plus 0.1 per loaded to-one relation
    /// and 0.2 per to-many, each doubled on a query endpoint and again under a to-many relation; `count=1` is 10.
    static func cost(path: String, query: [(String, String)]) -> Double {
        if query.contains(where: { $0.0 == "count" && $0.1 == "1" }) { return 10 }
        let toMany: Set<String> = ["SaleLines", "SalePayments", "SaleNotes", "Tags", "CustomFieldValues",
                                   "TaxCategoryClasses", "Phones", "Emails", "Addresses"]
        // ["API", "V3", "Account", id, "Sale", "277.json"] is one record; anything shorter a query.
        let isQuery = path.split(separator: "/").count < 6
        let raw = query.last { $0.0 == "load_relations" }?.1
        if raw == "all" { return isQuery ? 5 : 3 }
        var cost = 1.0
        for name in relations(query) {
            let parts = name.split(separator: ".").map(String.init)
            var part = toMany.contains(parts.last ?? "") ? 0.2 : 0.1
            if isQuery { part *= 2 }
            if parts.dropLast().contains(where: toMany.contains) { part *= 2 }
            cost += part
        }
        return (cost * 1000).rounded() / 1000
    }
}
