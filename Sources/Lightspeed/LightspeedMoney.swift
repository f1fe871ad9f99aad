import Foundation

/// Lightspeed money is a minimal decimal string (`"317.1"`, `"11.4860025"`, `"-34.48"`); the store keeps cents.
public enum LightspeedMoney {
    /// Cents, rounded half away from zero; nil when the text is not a number.
    public static func cents(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, var value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")),
              !value.isNaN else { return nil }
        // Beyond any till's amounts; also keeps the Int conversion below from overflowing.
        let limit = Decimal(1_000_000_000_000)
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
