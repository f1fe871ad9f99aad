import Testing
@testable import LoyaltyCore

@Suite struct UPCTests {
    @Test func upcAAndEAN13Match() throws {
        #expect(try UPC.parse("012345678905") == UPC.parse("0012345678905"))
        #expect(try UPC.parse("012345678905").display == "012345678905")
    }
    @Test func badCheckDigitRefused() {
        #expect(throws: UPCError.badCheckDigit(expected: "5", got: "4")) { try UPC.parse("012345678904") }
    }
}
