/// Why a typed or scanned code was refused. Each case reads as one line for a cashier.
public enum UPCError: Error, Equatable, Sendable, CustomStringConvertible {
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
            "A UPC has 8, 12, 13 or 14 digits; this one has \(count)."
        case .badCheckDigit(let expected, let got):
            "The check digit is \(got) but should be \(expected): the code was mistyped or misread."
        case .badUPCE(let text):
            "\"\(text)\" is not a valid UPC-E code."
        }
    }
}

extension UPC {
    /// Parses what a scanner or a cashier typed. Spaces and dashes are ignored.
    /// - 12 digits: UPC-A; 13: EAN-13; 14: GTIN-14; 8: EAN-8, or UPC-E (number system 0/1) when
    ///   its EAN-8 check digit fails but its UPC-E check digit holds.
    /// All are checked and stored as GTIN-14.
    public static func parse(_ raw: String) throws(UPCError) -> UPC {
        let text = raw.filter { $0 != " " && $0 != "-" }
        guard !text.isEmpty else { throw .empty }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notDigits(raw) }
        let digits = text.map { Int($0.asciiValue! - 48) }
        switch digits.count {
        case 12, 13, 14:
            try verify(digits)
            return UPC(uncheckedGTIN14: String(repeating: "0", count: 14 - digits.count) + text)
        case 8:
            if checkDigit(of: digits.dropLast()) == digits.last! {
                return UPC(uncheckedGTIN14: "000000" + text)
            }
            let upcA = try expandUPCE(digits, raw: raw)
            try verify(upcA)
            return UPC(uncheckedGTIN14: "00" + upcA.map(String.init).joined())
        case 6, 7:
            // UPC-E without number system and/or check digit: expand with system 0 and compute.
            let body = digits.count == 6 ? [0] + digits : digits
            var upcA = try expandUPCE(body + [0], raw: raw)
            upcA[11] = checkDigit(of: upcA.dropLast())
            return UPC(uncheckedGTIN14: "00" + upcA.map(String.init).joined())
        default:
            throw .wrongLength(digits.count)
        }
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

    /// Expands an 8-digit UPC-E (system, 6 data digits, check) to 12-digit UPC-A.
    private static func expandUPCE(_ e: [Int], raw: String) throws(UPCError) -> [Int] {
        let system = e[0]
        guard system == 0 || system == 1 else { throw .badUPCE(raw) }
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
        return [system] + manufacturer + product + [e[7]]
    }

    /// The shortest familiar form: UPC-A (12 digits) when the GTIN starts with two zeros,
    /// EAN-13 when it starts with one, else the full GTIN-14.
    public var display: String {
        if gtin14.hasPrefix("00") { return String(gtin14.dropFirst(2)) }
        if gtin14.hasPrefix("0") { return String(gtin14.dropFirst(1)) }
        return gtin14
    }
}
