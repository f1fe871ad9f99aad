/// Day arithmetic on `LocalDate` in plain integers: calendar dates have no time zone, so adding a day
/// must never go through a `Date` (where a DST change could make a "day" 23 or 25 hours long).
extension LocalDate {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int { CivilDays.days(year: year, month: month, day: day) }

    /// The date `days` days after 1970-01-01 (the inverse of `daysSinceEpoch`); years before 1 are out of range.
    public init(daysSinceEpoch days: Int) {
        let civil = CivilDays.civil(days)
        self.init(year: civil.year, month: civil.month, day: civil.day)!
    }

    /// This date moved by `days` (negative goes back).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `other` to `self` (positive when `self` is later).
    public func days(since other: LocalDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }
}

/// The one home of civil-date arithmetic (proleptic Gregorian, no `Calendar`, no time zone): Howard
/// Hinnant's days-from-civil and civil-from-days. Every place that turns a year-month-day into a day count
/// or back calls these — `LocalDate`, Lightspeed's datetimes, the store's row decoding and bulk load — so
/// the algorithm is written once. `@inlinable`: the store's hot row decoding calls it per row.
public enum CivilDays {
    /// Days since 1970-01-01 (negative before) of the date `year`-`month`-`day` (month 1...12, day 1...31;
    /// not checked: callers have validated the date or read it from a field that holds one).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day `days` days after 1970-01-01 (the inverse of `days(year:month:day:)`).
    @inlinable
    public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
