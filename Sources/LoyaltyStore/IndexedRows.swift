import Foundation
import LoyaltyCore

/// Decoding of the rows the counter reads on every keystroke or scan (a customer's cards and punches),
/// by column position from fixed column lists, with stored dates parsed by hand.
///
/// `row["name"]` looks every column up by name, and GRDB turned each stored date into a `Date` through
/// `Calendar`: for a customer with 400 punches those two were most of opening checkout
/// (docs/PERFORMANCE.md). The `init(row:)` decoders by name remain for everything else.
enum IndexedRows {
    /// Columns of `punches` in the order `punch(_:)` reads them; prefix with a table alias as needed.
    static func punchColumns(_ alias: String) -> String {
        ["id", "card_id", "upc", "description", "purchase_date", "source", "recorded_by", "recorded_at", "sale_id",
         "sale_line_id", "exception_reason", "removed_at", "removed_by", "removal_reason", "scan_id"]
            .map { alias.isEmpty ? $0 : alias + "." + $0 }.joined(separator: ", ")
    }

    static func punch(_ row: SQLRow) -> Punch {
        let removedAt = date(row, 11)
        let purchaseDate: String = row[4]
        return Punch(id: row[0], cardID: row[1], upc: (row[2] as String?).map(UPC.init(uncheckedGTIN14:)),
                     itemDescription: row[3],
                     purchaseDate: localDate(purchaseDate) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                     source: PunchSource(rawValue: row[5]) ?? .counter, recordedBy: row[6],
                     recordedAt: date(row, 7) ?? Date(timeIntervalSince1970: 0), saleID: row[8], saleLineID: row[9],
                     exceptionReason: row[10],
                     removal: removedAt.map { PunchRemoval(removedAt: $0, removedBy: row[12], reason: row[13]) },
                     scanID: row[14])
    }

    /// Columns of `cards` in the order `card(_:)` reads them.
    static let cardColumns = """
        id, customer_id, program_id, state, created_at, completed_at, redeemed_at, redeemed_by, reward_upc, note, split_from
        """
    static let cardColumnCount = cardColumns.split(separator: ",").count

    static func card(_ row: SQLRow) -> Card {
        Card(id: row[0], customerID: row[1], programID: row[2], state: CardState(rawValue: row[3]) ?? .open,
             createdAt: date(row, 4) ?? Date(timeIntervalSince1970: 0), completedAt: date(row, 5),
             redeemedAt: date(row, 6), redeemedBy: row[7],
             rewardUPC: (row[8] as String?).map(UPC.init(uncheckedGTIN14:)), note: row[9], splitFrom: row[10])
    }

    /// A stored date: the store's text form ("yyyy-MM-dd HH:mm:ss.SSS", UTC) read by hand, the rarer forms
    /// GRDB also read (`SQLDates.date`) after it.
    static func date(_ row: SQLRow, _ index: Int) -> Date? {
        switch row.values[index] {
        case .null: return nil
        case .text(let text): return storedDate(text) ?? SQLDates.date(.text(text))
        case let value: return SQLDates.date(value)
        }
    }

    /// "yyyy-MM-dd HH:mm:ss" with an optional fraction, in UTC; nil for any other form.
    /// The unsigned decimal number in `length` ASCII digits at `from`; nil when one is not a digit.
    private static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ length: Int) -> Int? {
        var value = 0
        for i in from..<(from + length) {
            let digit = b[i] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    static func storedDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count >= 19, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x20 || b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A
            else { return nil }
            func number(_ from: Int, _ length: Int) -> Int? { decimal(b, from, length) }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            var nanoseconds = 0
            if b.count > 19 {
                guard b[19] == 0x2E, b.count > 20, b.count <= 29 else { return nil }
                var scale = 100_000_000
                for i in 20..<b.count {
                    let digit = b[i] &- 48
                    guard digit < 10 else { return nil }
                    nanoseconds += Int(digit) * scale
                    scale /= 10
                }
            }
            let days = CivilDays.days(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            // As GRDB (Foundation's Calendar) computes it: whole seconds, then the nanoseconds.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(nanoseconds) / 1e9)
        }
    }

    /// `YYYY-MM-DD` without splitting strings.
    static func localDate(_ text: String) -> LocalDate? {
        var text = text
        return text.withUTF8 { b -> LocalDate? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            func number(_ from: Int, _ length: Int) -> Int? { decimal(b, from, length) }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
            return LocalDate(year: year, month: month, day: day)
        }
    }
}
