/// How stored values are shown: phone digits grouped the North American way when they have 10 digits.
enum Formatting {
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
