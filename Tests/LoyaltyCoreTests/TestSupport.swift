import Foundation
@testable import LoyaltyCore

/// Shorthands that keep the rule tests readable.
func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
func instant(_ iso: String) -> Date { Timestamp.parse(iso)! }
func upc(_ text: String) -> UPC { try! UPC.parse(text) }
let newYork = try! StoreCalendar(timeZoneID: "America/New_York")
