import Foundation
import LoyaltyCore

/// A scan that could not land where it arrived: a dialog was choosing something else, nobody was signed in,
/// or the screen was too small to show what it would do. It is kept — never punched silently, never lost —
/// and offered on a customer's checkout: as a question ("record it for Sally?"), or recorded at once when
/// it was scanned on this same checkout and only the screen's size was in the way.
public struct HeldScan: Hashable, Sendable {
    public enum Why: Hashable, Sendable {
        /// A dialog was open (its title, e.g. "Redeem"): asked about when it closes.
        case dialog(String)
        /// The terminal was locked or nobody was signed in.
        case signedOut
        /// The "please enlarge" notice was shown.
        case screenTooSmall
    }

    public var upc: UPC
    public var quantity: Int
    public var why: Why
    /// The checkout shown when it arrived (nil: no customer was open).
    public var customerID: Int64?
    /// When it was scanned, for the question (nil for a scan held during a dialog: asked seconds later).
    public var at: Date?

    public init(upc: UPC, quantity: Int, why: Why, customerID: Int64?, at: Date?) {
        self.upc = upc
        self.quantity = quantity
        self.why = why
        self.customerID = customerID
        self.at = at
    }

    /// Digits (with an optional `3*` quantity) and Enter that read as a barcode rather than a PIN, password or
    /// name: more digits than the longest PIN and a valid UPC/EAN/GTIN check digit. Anything else is nil.
    public static func barcode(in text: String) -> (upc: UPC, quantity: Int)? {
        let code = text.split(separator: "*", maxSplits: 1).last.map(String.init) ?? text
        guard code.count > SignInState.longestPIN, code.allSatisfy({ $0.isASCII && $0.isNumber }),
              case .success(let scan) = CheckoutInput.parseScan(text) else { return nil }
        return scan
    }
}
