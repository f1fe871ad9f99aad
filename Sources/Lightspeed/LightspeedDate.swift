import Foundation
import LoyaltyCore

/// Lightspeed's datetimes (`2024-11-10T13:51:54+00:00`, also `-0500` offsets or none), parsed and written
/// without `DateFormatter`, whose Linux behaviour and thread-safety vary.
public enum LightspeedDate {
    /// Parses ISO-8601 with an optional fraction and a `Z`, `±HH:MM`, `±HHMM` or `±HH` offset (none means UTC).
    public static func parse(_ raw: String) -> Date? {
        // Foundation's trimming only when an end may be whitespace (Import History parses thousands).
        let chars = Array((LightspeedScalar.mayNeedTrimming(raw) ? raw.trimmingCharacters(in: .whitespaces) : raw).utf8)
        guard chars.count >= 19 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= chars.count else { return nil }
            var value = 0
            for index in from..<(from + length) {
                let c = chars[index]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = number(0, 4), chars[4] == UInt8(ascii: "-"), let month = number(5, 2),
              chars[7] == UInt8(ascii: "-"), let day = number(8, 2),
              chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
              let hour = number(11, 2), chars[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              chars[16] == UInt8(ascii: ":"), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let oh = number(index + 1, 2) else { return nil }
                index += 3
                var om = 0
                if index < chars.count, chars[index] == UInt8(ascii: ":") { index += 1 }
                if index < chars.count {
                    guard let minutes = number(index, 2) else { return nil }
                    om = minutes
                    index += 2
                }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Writes `2024-01-01T00:00:00-05:00`, in the given zone's offset at that instant (UTC by default).
    public static func format(_ date: Date, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int(floor(date.timeIntervalSince1970)) + offset
        let days = Int(floor(Double(local) / 86_400))
        let secondsOfDay = local - days * 86_400
        let (year, month, day) = CivilDays.civil(days)
        let sign = offset < 0 ? "-" : "+"
        let absOffset = abs(offset)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", year, month, day,
                      secondsOfDay / 3600, (secondsOfDay % 3600) / 60, secondsOfDay % 60,
                      sign, absOffset / 3600, (absOffset % 3600) / 60)
    }
}
