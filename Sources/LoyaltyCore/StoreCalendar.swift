import Foundation

/// Why a store time zone setting was refused.
public enum StoreCalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let id):
            "\"\(id)\" is not a known time zone; use an IANA name such as America/New_York."
        }
    }
}

/// The store's calendar: turns instants into the store's local calendar dates and back.
/// Punch dates, "today" and Import History ranges all go through this one type, so a purchase
/// at 23:30 on a daylight-saving night stays on its day whatever the machine's own zone is.
public struct StoreCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// From an IANA zone id such as `America/New_York` (the store setting).
    public init(timeZoneID: String) throws(StoreCalendarError) {
        guard !timeZoneID.isEmpty, let zone = TimeZone(identifier: timeZoneID) else {
            throw .unknownTimeZone(timeZoneID)
        }
        self.init(timeZone: zone)
    }

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.timeZone = timeZone
        self.calendar = calendar
    }

    /// The store-local calendar date on which `date` happened: the zone's offset at that instant (DST
    /// included) applied, then plain day arithmetic — fast enough for every line of a large import.
    public func localDate(of date: Date) -> LocalDate {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return LocalDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// The local date of `date` in `zone` (a shop's own zone), or in the store's zone when nil: a purchase is
    /// dated where it was sold, so a 23:30 sale in a western shop keeps its day whatever the store's clock says.
    public func localDate(of date: Date, in zone: TimeZone?) -> LocalDate {
        guard let zone, zone != timeZone else { return localDate(of: date) }
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return LocalDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// A sale line's purchase date: its completion's local date in the zone of the shop that sold it.
    public func purchaseDate(of line: SaleLine) -> LocalDate {
        localDate(of: line.completedAt, in: line.timeZone)
    }

    /// True when two zones keep the same clock all year (e.g. Lightspeed's "US/Eastern" and the store's
    /// "America/New_York"): the same offset at noon UTC of every day of the year around `now`.
    public static func sameClock(_ a: TimeZone, _ b: TimeZone, around now: Date) -> Bool {
        if a.identifier == b.identifier { return true }
        let start = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 - 183 * 86_400 + 43_200
        for step in 0..<366 {
            let instant = Date(timeIntervalSince1970: start + Double(step) * 86_400)
            if a.secondsFromGMT(for: instant) != b.secondsFromGMT(for: instant) { return false }
        }
        return true
    }

    /// The first instant of `day` in the store's zone. Goes through noon (which always exists) so a zone
    /// that skips midnight on a DST day still gets that day's real first instant.
    public func startOfDay(_ day: LocalDate) -> Date {
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }

    /// The instants belonging to `day`: from its start to the next day's start (23, 24 or 25 hours).
    public func interval(of day: LocalDate) -> Range<Date> {
        startOfDay(day)..<startOfDay(day.adding(days: 1))
    }

    /// `date` on the store's wall clock, "HH:mm" (24-hour). Every time a person reads — a lockout's end, an
    /// audit entry, a sale's time — goes through here or `timestamp(of:)`, never through the machine's own
    /// zone (a counter computer or a server often runs on UTC).
    public func clockTime(of date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// `date` on the store's calendar and clock, "YYYY-MM-DD HH:mm".
    public func timestamp(of date: Date) -> String {
        "\(localDate(of: date).iso) \(clockTime(of: date))"
    }

    /// The store's date at `now`.
    public func today(now: Date) -> LocalDate {
        localDate(of: now)
    }
}
