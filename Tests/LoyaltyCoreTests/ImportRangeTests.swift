import Foundation
import Testing
@testable import LoyaltyCore

@Suite struct ImportRangeTests {
    @Test func rangeStartsAtStoreLocalMidnightAcrossDST() throws {
        let now = instant("2019-11-05T15:00:00Z")
        let range = try ImportRange(start: day("2019-11-03"), now: now, goLive: day("2019-01-01"), calendar: newYork)
        #expect(range.from == instant("2019-11-03T00:00:00-04:00"))
        #expect(range.until == now)
        #expect(!range.startsBeforeGoLive)
        let early = try ImportRange(start: day("2018-12-31"), now: now, goLive: day("2019-01-01"), calendar: newYork)
        #expect(early.startsBeforeGoLive)
        #expect(throws: ImportRangeError.startInFuture(day("2019-11-06"))) {
            try ImportRange(start: day("2019-11-06"), now: now, goLive: nil, calendar: newYork)
        }
    }

    @Test func suggestedStartIsTheLastRealtimeImportDay() {
        #expect(ImportRange.suggestedStart(lastRealtimeImport: instant("2019-11-04T04:30:00Z"), calendar: newYork)
                == day("2019-11-03"))
        #expect(ImportRange.suggestedStart(lastRealtimeImport: nil, calendar: newYork) == nil)
    }

    @Test func refundButtonShowsThePunchesOfTheRefundedLine() {
        let t = instant("2019-04-05T12:00:00Z")
        let lines = [SaleLine(saleID: "R1", saleLineID: "L9", completedAt: t, upc: nil, description: "", quantity: -2,
                              parentSaleLineID: "L1"),
                     SaleLine(saleID: "R1", saleLineID: "L10", completedAt: t, upc: nil, description: "", quantity: -1,
                              parentSaleLineID: "L7"),
                     SaleLine(saleID: "R1", saleLineID: "L11", completedAt: t, upc: nil, description: "", quantity: 1)]
        let punches = [MatchablePunch(id: 3, upc: nil, purchaseDate: day("2019-04-02"), saleLineID: "L1", source: .realtime),
                       MatchablePunch(id: 2, upc: nil, purchaseDate: day("2019-04-02"), saleLineID: "L1", source: .realtime),
                       MatchablePunch(id: 4, upc: nil, purchaseDate: day("2019-04-02"), saleLineID: "L2", source: .realtime)]
        #expect(RefundMatching.punchIDs(forRefundLines: lines, punches: punches) == ["L9": [2, 3], "L10": []])
    }

    @Test func duplicateCustomerReasons() {
        let existing = Customer(id: 1, firstName: "Sally", lastName: "Owner", phone: "5550102233", email: "sally@example.com")
        let input = NormalizedCustomerInput(firstName: "Owner", lastName: "Sally", phone: "5550102233", email: nil)
        #expect(DuplicateCustomers.reasons(for: input, existing: existing) == [.samePhone, .similarName])
        let other = NormalizedCustomerInput(firstName: "Bob", lastName: "Stone", phone: nil, email: "sally@example.com")
        #expect(DuplicateCustomers.reasons(for: other, existing: existing) == [.sameEmail])
        var merged = existing
        merged.mergedInto = 9
        #expect(DuplicateCustomers.reasons(for: input, existing: merged).isEmpty)
    }
}
