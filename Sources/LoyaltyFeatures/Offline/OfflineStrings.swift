import LoyaltyCore
import LoyaltyStore

/// The sentences about the store's server being unreachable and the scans kept meanwhile (issue 18 #4).
public enum OfflineStrings {
    public static let serverUnreachable = "Server unreachable"

    /// The status bar's part: "Server unreachable · 3 scans waiting", "3 scans waiting", "1 kept scan refused".
    public static func statusLine(_ state: OfflineState) -> String? {
        var parts: [String] = []
        if state.serverUnreachable { parts.append(serverUnreachable) }
        if state.waiting > 0 { parts.append(Counting.of(state.waiting, "scan") + " waiting") }
        if state.refused > 0 { parts.append(Counting.of(state.refused, "kept scan") + " refused") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The pending line under Today's Purchases and the cashier's answer to a kept scan.
    public static let keptLine = "kept on this counter: will be recorded when the server is back"
    public static func kept(_ quantity: Int, _ item: String) -> String {
        (quantity > 1 ? "\(quantity) × \(item)" : item) + " " + keptLine + "."
    }
    public static let refusedLine = "refused when the server came back: a manager decides (astro-loyalty queue list)"

    /// Any other write, and sign-in, while the server does not answer.
    public static let needsServer = "The store's server does not answer: this needs the server; try again when it is back. Nothing was written."
    public static let signInNeedsServer = "The store's server does not answer: signing in needs it (passwords are checked there); "
        + "try again when it is back. Scans made at the sign-in screen are kept until someone signs in."

    public static func recorded(_ count: Int) -> String {
        "The server is back: " + Counting.of(count, "kept scan") + " recorded."
    }
    public static func refused(_ scan: QueuedScan) -> String {
        "A kept scan (\(scan.upc.display)) was refused: \(scan.refusal ?? "")"
            + " It stays on this counter for a manager (astro-loyalty queue list)."
    }
    public static func queueFailed(_ why: String) -> String {
        "The scans kept on this counter cannot be read or written: \(why)"
    }
    /// A scan that the server refused to take and the counter could not keep either.
    public static func notKept(_ why: String) -> String {
        "The store's server does not answer and the scan could not be kept on this counter (\(why)). Nothing was recorded: scan it again later."
    }
}
