import Foundation

/// A calendar date in the store's own time zone, with no time and no zone attached.
/// Punches carry this: "the store's local date of the purchase", which must not move across
/// daylight-saving changes or when the machine's zone differs from the store's.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for impossible dates such as 2019-02-30.
    public init?(year: Int, month: Int, day: Int) {
        // Plain arithmetic (proleptic Gregorian): this runs for every sale line of an import.
        guard year > 0, (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`, which also sorts correctly as text (the store relies on that).
    public var iso: String {
        // By hand: `String(format:)` goes through CoreFoundation, and every punch written or read
        // formats its date (docs/PERFORMANCE.md).
        guard year < 10_000 else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, at index: Int) { out[index] = UInt8(48 + value) }
            put(year / 1000, at: 0); put(year / 100 % 10, at: 1); put(year / 10 % 10, at: 2); put(year % 10, at: 3)
            out[4] = 0x2D
            put(month / 10, at: 5); put(month % 10, at: 6)
            out[7] = 0x2D
            put(day / 10, at: 8); put(day % 10, at: 9)
            return 10
        }
    }

    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
