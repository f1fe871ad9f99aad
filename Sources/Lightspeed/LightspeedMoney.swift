import Foundation

/// Lightspeed money is a minimal decimal string (`"317.1"`, `"11.4860025"`, `"-34.48"`); the store keeps cents.
public enum LightspeedMoney {
    /// Beyond any till's amounts; also keeps the Int conversions below from overflowing.
    private static let limitWhole = 1_000_000_000_000

    /// Cents, rounded half away from zero; nil when the text is not a number.
    ///
    /// The API's plain form (`-`, digits, one dot, digits) is read by hand: Import History decodes
    /// thousands of amounts per page, and `Decimal(string:locale:)` built a `Locale` for each one
    /// (the benchmark's decode figure, docs/PERFORMANCE.md). Anything else (spaces, `+`, exponents,
    /// `.5`) takes the general `Decimal` path, so what it accepted before it still accepts.
    public static func cents(_ text: String) -> Int? {
        if let fast = plainCents(text) { return fast }
        return decimalCents(text)
    }

    /// `-?digits(.digits)?` to cents, or nil when the text is not in that form (or too large).
    static func plainCents(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var index = 0
            let count = bytes.count
            var negative = false
            if index < count, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            var whole = 0, wholeDigits = 0
            while index < count, bytes[index] &- 48 < 10 {
                whole = whole * 10 + Int(bytes[index] &- 48)
                guard whole < limitWhole else { return nil }
                wholeDigits += 1
                index += 1
            }
            guard wholeDigits > 0 else { return nil }
            var fraction = 0, fractionDigits = 0, roundUp = false
            if index < count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < count, bytes[index] &- 48 < 10 {
                    let digit = Int(bytes[index] &- 48)
                    if fractionDigits < 2 { fraction = fraction * 10 + digit }
                    else if fractionDigits == 2 { roundUp = digit >= 5 }
                    fractionDigits += 1
                    index += 1
                }
                guard fractionDigits > 0 else { return nil }
            }
            guard index == count else { return nil }
            if fractionDigits == 1 { fraction *= 10 }
            let magnitude = whole * 100 + fraction + (roundUp ? 1 : 0)
            return negative ? -magnitude : magnitude
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func decimalCents(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // `Decimal` reads "-" (or "+", ".") as zero: an amount needs a digit.
        guard trimmed.contains(where: { $0.isASCII && $0.isNumber }), var value = Decimal(string: trimmed, locale: posix), !value.isNaN else { return nil }
        let limit = Decimal(limitWhole)
        guard value < limit, value > -limit else { return nil }
        value *= 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// Writes cents back in the API's minimal form: 2001 → "20.01", 1000 → "10", -3448 → "-34.48".
    public static func text(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return String(format: "%@%d.%02d", sign, whole, fraction)
    }
}
