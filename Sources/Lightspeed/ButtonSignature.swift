import Foundation

/// The exact text Lightspeed signs for a custom-button click: the button URL normalized (lower-case scheme
/// and host, no default port) with every query parameter except `signature` sorted by name. Lightspeed's
/// demo rebuilds it with PHP's `http_build_query`; which escaping it uses byte for byte is unconfirmed,
/// so both RFC 3986 and form (`+` for space) escaping are produced and either may verify.
public enum ButtonSignature {
    public enum Escaping: CaseIterable, Sendable {
        case rfc3986
        case form
    }

    /// `scheme://host[:port]/path` of a URL, normalized.
    public static func normalizedBase(of url: URL) -> String {
        let scheme = (url.scheme ?? "https").lowercased()
        let host = (url.host ?? "").lowercased()
        var port = ""
        if let number = url.port, !(scheme == "https" && number == 443), !(scheme == "http" && number == 80) {
            port = ":\(number)"
        }
        var path = url.path
        if path.isEmpty { path = "/" }
        let encodedPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { QueryEncoding.encode(String($0)) }.joined(separator: "/")
        return "\(scheme)://\(host)\(port)\(encodedPath)"
    }

    /// The signed text for a base URL and the decoded query items (`signature` is dropped).
    public static func canonicalString(base: String, items: [(String, String)], escaping: Escaping = .rfc3986) -> String {
        func encode(_ text: String) -> String {
            escaping == .rfc3986 ? QueryEncoding.encode(text) : QueryEncoding.formEncode(text)
        }
        let sorted = items.filter { $0.0 != "signature" }.sorted { (a: (String, String), b: (String, String)) -> Bool in
            a.0 == b.0 ? a.1 < b.1 : a.0 < b.0
        }
        let pairs = sorted.map { (pair: (String, String)) -> String in encode(pair.0) + "=" + encode(pair.1) }
        return base + "?" + pairs.joined(separator: "&")
    }
}
