/// Why a typed or scanned code was refused. Each case reads as one line for a cashier.
public enum UPCError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case notDigits(String)
    case wrongLength(Int)
    case badCheckDigit(expected: Character, got: Character)
    case badUPCE(String)

    public var description: String {
        switch self {
        case .empty:
            "No UPC was entered."
        case .notDigits(let text):
            "\"\(text)\" is not a UPC: a UPC has digits only."
        case .wrongLength(let count):
            "A UPC has 8, 12, 13 or 14 digits (or 6 for a short UPC-E); this one has \(count)."
        case .badCheckDigit(let expected, let got):
            "The check digit is \(got) but should be \(expected): the code was mistyped or misread."
        case .badUPCE(let text):
            "\"\(text)\" is not a valid UPC-E code."
        }
    }
}

extension UPC {
    /// Parses what a scanner or a cashier typed. Spaces, tabs, line ends and dashes are ignored.
    /// - 12 digits: UPC-A; 13: EAN-13; 14: GTIN-14 — check digit verified.
    /// - 8 digits: UPC-E (expanded to UPC-A) when it starts with 0 or 1 and its UPC-E check digit
    ///   holds; otherwise EAN-8. UPC-E wins the ambiguity because EAN-8 codes starting with 0 are
    ///   in-store numbers and US pet food carries UPC-E, so a scanned UPC-E must meet its UPC-A on the
    ///   program's list.
    /// - 6 digits: the body of a UPC-E as printed, number system 0; its check digit is computed.
    /// - 7 digits are refused: it is unclear whether the number system or the check digit is missing.
    /// All forms are stored as GTIN-14, so one product has one value whatever was typed.
    public static func parse(_ raw: String) throws(UPCError) -> UPC {
        let text = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard !text.isEmpty else { throw .empty }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .notDigits(raw.count > 30 ? String(raw.prefix(30)) + "…" : raw)
        }
        let digits = text.map { Int($0.asciiValue! - 48) }
        switch digits.count {
        case 12, 13, 14:
            try verify(digits)
            return UPC(uncheckedGTIN14: String(repeating: "0", count: 14 - digits.count) + text)
        case 8:
            if digits[0] <= 1 {
                let upcA = expandUPCE(digits)
                if checkDigit(of: upcA.dropLast()) == upcA[11] { return UPC(digits: upcA) }
                if checkDigit(of: digits.dropLast()) == digits[7] { return UPC(digits: digits) }
                try verify(upcA)
            }
            try verify(digits)
            return UPC(digits: digits)
        case 6:
            var upcA = expandUPCE([0] + digits + [0])
            upcA[11] = checkDigit(of: upcA.dropLast())
            return UPC(digits: upcA)
        default:
            throw .wrongLength(digits.count)
        }
    }

    private init(digits: [Int]) {
        let text = digits.map(String.init).joined()
        self.init(uncheckedGTIN14: String(repeating: "0", count: 14 - digits.count) + text)
    }

    /// The GS1 mod-10 check digit of `body` (all digits but the last).
    static func checkDigit<C: Collection>(of body: C) -> Int where C.Element == Int {
        var sum = 0
        for (offset, digit) in body.reversed().enumerated() {
            sum += digit * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    private static func verify(_ digits: [Int]) throws(UPCError) {
        let expected = checkDigit(of: digits.dropLast())
        guard expected == digits.last! else {
            throw .badCheckDigit(expected: Character(String(expected)), got: Character(String(digits.last!)))
        }
    }

    /// Expands an 8-digit UPC-E (number system 0 or 1, 6 data digits, check) to 12-digit UPC-A,
    /// carrying the check digit over unchanged (it is the same digit in both forms).
    static func expandUPCE(_ e: [Int]) -> [Int] {
        let d = Array(e[1...6])
        let manufacturer: [Int]
        let product: [Int]
        switch d[5] {
        case 0, 1, 2:
            manufacturer = [d[0], d[1], d[5], 0, 0]
            product = [0, 0, d[2], d[3], d[4]]
        case 3:
            manufacturer = [d[0], d[1], d[2], 0, 0]
            product = [0, 0, 0, d[3], d[4]]
        case 4:
            manufacturer = [d[0], d[1], d[2], d[3], 0]
            product = [0, 0, 0, 0, d[4]]
        default:
            manufacturer = [d[0], d[1], d[2], d[3], d[4]]
            product = [0, 0, 0, 0, d[5]]
        }
        return [e[0]] + manufacturer + product + [e[7]]
    }

    /// The shortest familiar form: UPC-A (12 digits) when the GTIN starts with two zeros,
    /// EAN-13 when it starts with one, else the full GTIN-14. `parse(display)` gives this UPC back.
    public var display: String {
        if gtin14.hasPrefix("00") { return String(gtin14.dropFirst(2)) }
        if gtin14.hasPrefix("0") { return String(gtin14.dropFirst(1)) }
        return gtin14
    }

    /// The barcode a Lightspeed item matches programs on: its `upc` (11–14 digits or empty; 11 digits is a
    /// UPC-A whose leading zero was lost), else its `ean`, else a `customSku` that reads as a GTIN. Nil when
    /// none is a valid code, so the line is "No Item" rather than a guess. The one rule: the Lightspeed client's
    /// `LightspeedItem.barcode` calls it.
    public static func fromLightspeedItem(upc: String?, ean: String?, customSku: String?) -> UPC? {
        for code in [upc, ean, customSku] {
            if let code, !code.isEmpty, let parsed = lenient(code) { return parsed }
        }
        return nil
    }

    private static func lenient(_ code: String) -> UPC? {
        // Import History reads thousands of items: bare ASCII digits, the common case, skip `parse`'s
        // Unicode-aware filtering.
        let bytes = code.utf8
        if bytes.allSatisfy({ $0 &- 48 < 10 }) {
            switch bytes.count {
            case 11: return plainGTIN("0" + code)
            case 12...14: return plainGTIN(code)
            default: return try? parse(code)
            }
        }
        let trimmed = code.filter { !$0.isWhitespace }
        if trimmed.count == 11, let repaired = try? parse("0" + trimmed) { return repaired }
        return try? parse(trimmed)
    }

    /// `parse` for 12 to 14 bare ASCII digits; nil when the check digit is wrong.
    private static func plainGTIN(_ code: String) -> UPC? {
        var sum = 0, position = 0, last = 0
        for byte in code.utf8.reversed() {
            let digit = Int(byte &- 48)
            if position == 0 { last = digit } else { sum += digit * (position % 2 == 1 ? 3 : 1) }
            position += 1
        }
        guard (10 - sum % 10) % 10 == last else { return nil }
        return UPC(uncheckedGTIN14: String(repeating: "0", count: 14 - position) + code)
    }
}
