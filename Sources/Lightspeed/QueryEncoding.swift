import Foundation

/// Query strings the way Lightspeed needs them: every reserved character percent-encoded (operators `>=`
/// as `%3E%3D`, commas as `%2C`, and `+` offsets as `%2B`, since a raw `+` decodes to a space).
public enum QueryEncoding {
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// RFC 3986 strict: only unreserved characters stay as they are.
    public static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// PHP `urlencode` style (spaces as `+`, `~` encoded), used by Lightspeed's button-signature demo.
    public static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")
        return text.split(separator: " ", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "+")
    }

    public static func build(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Decodes a raw query as a web server does: `+` is a space, then percent-decoding. Order kept.
    public static func parse(_ rawQuery: String) -> [(String, String)] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// `load_relations` is a JSON array: `["SaleLines","SaleLines.Item"]`.
    public static func relations(_ names: [String]) -> String {
        "[" + names.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
