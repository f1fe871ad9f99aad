import Foundation

/// Parses the ISO 8601 timestamps Lightspeed sends (`2019-04-02T18:41:07+00:00`,
/// `2019-04-02T14:41:07-04:00`, also `Z`, `+0000` and fractional seconds) into instants.
/// Hand-written because it runs on every sale line of an import and must not depend on a
/// shared, non-Sendable formatter. A timestamp without an offset is refused: its instant is unknown.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard b.count >= 20,
              let year = number(0..<4), b[4] == UInt8(ascii: "-"),
              let month = number(5..<7), b[7] == UInt8(ascii: "-"),
              let day = number(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let hour = number(11..<13), b[13] == UInt8(ascii: ":"),
              let minute = number(14..<16), b[16] == UInt8(ascii: ":"),
              let second = number(17..<19),
              hour < 24, minute < 60, second < 61,
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offsetSeconds = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            let rest = b.count - i - 1
            let hours: Int?, minutes: Int?
            switch rest {
            case 2:
                hours = number(i + 1..<i + 3); minutes = 0
            case 4:
                hours = number(i + 1..<i + 3); minutes = number(i + 3..<i + 5)
            case 5 where b[i + 3] == UInt8(ascii: ":"):
                hours = number(i + 1..<i + 3); minutes = number(i + 4..<i + 6)
            default:
                return nil
            }
            guard let h = hours, let m = minutes, h < 24, m < 60 else { return nil }
            offsetSeconds = sign * (h * 3600 + m * 60)
        default:
            return nil
        }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
