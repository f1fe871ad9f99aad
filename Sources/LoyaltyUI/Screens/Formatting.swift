import Foundation

/// How stored values are shown: phone digits grouped the North American way when they have 10 digits.
enum Formatting {
    /// "14:05" on the store's clock (`zone`, an IANA id; UTC if unknown).
    static func clock(_ date: Date, zone: String) -> String {
        let timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0)!
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    static func phone(_ digits: String?) -> String {
        guard let digits, !digits.isEmpty else { return "" }
        let d = Array(digits)
        if d.count == 10 {
            return "(\(String(d[0..<3]))) \(String(d[3..<6]))-\(String(d[6..<10]))"
        }
        if d.count == 7 { return "\(String(d[0..<3]))-\(String(d[3..<7]))" }
        return digits
    }
}
