import Foundation
import LoyaltyCore

/// Reading what the cashier typed: a scan with its optional quantity prefix, and dates in the two
/// forms a US counter writes them.
public enum CheckoutInput {
    /// "012345678905" → (upc, 1); "3*012345678905" → (upc, 3). A refusal reads as one line.
    public static func parseScan(_ text: String) -> Result<(upc: UPC, quantity: Int), ScanRefusal> {
        var code = Substring(text)
        var quantity = 1
        if let star = text.firstIndex(of: "*") {
            let prefix = text[..<star]
            guard let q = Int(prefix), (1...999).contains(q) else { return .failure(.quantity(String(prefix))) }
            quantity = q
            code = text[text.index(after: star)...]
        }
        do {
            return .success((try UPC.parse(String(code)), quantity))
        } catch {
            return .failure(.upc(String(code), error))
        }
    }

    public enum ScanRefusal: Error, Hashable, Sendable {
        case quantity(String)
        case upc(String, UPCError)

        public var message: String {
            switch self {
            case .quantity(let text): CheckoutStrings.quantityInvalid(text)
            case .upc(let code, let error): CheckoutStrings.scanRefused(code, error.description)
            }
        }
    }

    /// YYYY-MM-DD, or M/D/YYYY.
    public static func parseDate(_ text: String) -> LocalDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let iso = LocalDate(iso: t) { return iso }
        let parts = t.split(separator: "/").map { Int($0) }
        guard parts.count == 3, let m = parts[0], let d = parts[1], let y = parts[2], y >= 1000 else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
