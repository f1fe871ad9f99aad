import Foundation
import Testing
@testable import LoyaltyCore

@Suite struct StoreCalendarTests {
    @Test func purchaseAt2330OnTheNightDSTEndsStaysOnItsDay() {
        // 2019-11-03: clocks go back at 02:00 EDT; 23:30 EST that evening is 04:30 UTC on the 4th.
        let purchase = instant("2019-11-03T23:30:00-05:00")
        #expect(newYork.localDate(of: purchase) == day("2019-11-03"))
        #expect(newYork.localDate(of: instant("2019-11-04T04:29:59Z")) == day("2019-11-03"))
        #expect(newYork.localDate(of: instant("2019-11-04T05:00:00Z")) == day("2019-11-04"))
    }

    @Test func dstEndDayIs25Hours() {
        let range = newYork.interval(of: day("2019-11-03"))
        #expect(range.lowerBound == instant("2019-11-03T00:00:00-04:00"))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == 25 * 3600)
    }

    @Test func springForwardDayIs23HoursAndMidnightIsLocal() {
        let range = newYork.interval(of: day("2019-03-10"))
        #expect(range.lowerBound == instant("2019-03-10T05:00:00Z"))
        #expect(range.upperBound == instant("2019-03-11T04:00:00Z"))
        #expect(newYork.localDate(of: instant("2019-03-10T23:30:00-04:00")) == day("2019-03-10"))
        #expect(newYork.localDate(of: instant("2019-03-10T03:00:00-04:00")) == day("2019-03-10"))
    }

    @Test func zoneFarFromUTC() throws {
        let kiritimati = try StoreCalendar(timeZoneID: "Pacific/Kiritimati") // UTC+14
        #expect(kiritimati.localDate(of: instant("2019-04-02T10:00:00Z")) == day("2019-04-03"))
        #expect(kiritimati.startOfDay(day("2019-04-03")) == instant("2019-04-02T10:00:00Z"))
        let pagoPago = try StoreCalendar(timeZoneID: "Pacific/Pago_Pago") // UTC-11
        #expect(pagoPago.localDate(of: instant("2019-04-02T10:00:00Z")) == day("2019-04-01"))
    }

    @Test func zoneThatSkipsMidnight() throws {
        // Santiago (Chile) springs forward at 24:00: 2019-09-08 starts at 01:00 local.
        let santiago = try StoreCalendar(timeZoneID: "America/Santiago")
        let start = santiago.startOfDay(day("2019-09-08"))
        #expect(start == instant("2019-09-08T01:00:00-03:00"))
        #expect(santiago.localDate(of: start) == day("2019-09-08"))
        #expect(santiago.localDate(of: start.addingTimeInterval(-1)) == day("2019-09-07"))
    }

    @Test func unknownZoneRefused() {
        #expect(throws: StoreCalendarError.unknownTimeZone("Mars/Olympus")) {
            try StoreCalendar(timeZoneID: "Mars/Olympus")
        }
        #expect(throws: StoreCalendarError.unknownTimeZone("")) { try StoreCalendar(timeZoneID: "") }
    }

    @Test func todayUsesTheStoreZone() {
        #expect(newYork.today(now: instant("2024-01-01T03:00:00Z")) == day("2023-12-31"))
    }

    @Test func addingDaysAcrossMonthsYearsAndLeapDays() {
        #expect(day("2019-02-28").adding(days: 1) == day("2019-03-01"))
        #expect(day("2020-02-28").adding(days: 1) == day("2020-02-29"))
        #expect(day("2019-12-31").adding(days: 1) == day("2020-01-01"))
        #expect(day("2019-11-03").adding(days: -3) == day("2019-10-31"))
        #expect(day("1970-01-01").daysSinceEpoch == 0)
        #expect(day("2019-04-03").days(since: day("2019-04-02")) == 1)
        for offset in stride(from: -700_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }
}

@Suite struct TimestampTests {
    @Test func lightspeedOffsetsGiveTheSameInstant() {
        let utc = Timestamp.parse("2019-04-02T18:41:07+00:00")
        let eastern = Timestamp.parse("2019-04-02T14:41:07-04:00")
        #expect(utc != nil)
        #expect(utc == eastern)
        #expect(utc == Date(timeIntervalSince1970: 1_554_230_467))
        #expect(Timestamp.parse("2019-04-02T18:41:07Z") == utc)
        #expect(Timestamp.parse("2019-04-02T23:41:07+0500") == utc)
        #expect(Timestamp.parse("2019-04-02T18:41:07.250+00:00") == utc!.addingTimeInterval(0.25))
    }

    @Test func malformedTimestampsRefused() {
        for text in ["", "2019-04-02", "2019-04-02T18:41:07", "2019-13-02T18:41:07Z", "2019-02-30T18:41:07Z",
                     "2019-04-02T25:41:07Z", "2019-04-02T18:41:07+5", "2019-04-02T18:41:07+00:00x",
                     "yyyy-mm-ddThh:mm:ssZ", "2019-04-02T18:41:07.Z"] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
    }
}

@Suite struct LocalDateTests {
    @Test func impossibleDatesRefused() {
        #expect(LocalDate(year: 2019, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2020, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2019, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2019, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2019, month: 1, day: 0) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(iso: "2019-02-30") == nil)
        #expect(LocalDate(iso: "2019-4-02") == nil)
        #expect(LocalDate(iso: "2019-04-02")?.iso == "2019-04-02")
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        var date = day("1900-01-01")
        var wrong = 0
        for _ in 0..<146_097 {
            let next = date.adding(days: 1)
            if next.days(since: date) != 1 || !(next > date) { wrong += 1 }
            date = next
        }
        #expect(wrong == 0)
        #expect(date == day("2300-01-01"))
    }
}
