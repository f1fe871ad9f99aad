import Foundation
import Testing

/// Lightspeed's sales as they really are, end to end: the binary against `lightspeed-sim` in its own process
/// (the demo Lightspeed data: two shops, US/Eastern and America/Denver), the demo store connected to it.
@Suite(.serialized) struct LightspeedSalesEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func openSaleDiscountFeeElevenDigitUPCShopZoneAndARefundBeforeImportHistory() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        _ = try sqlite(db, "UPDATE settings SET value = '0' WHERE key = 'training_mode'")
        let simulator = try SimulatorProcess(scratch, data: Binary.repositoryRoot
            .appendingPathComponent("Assets/lightspeed-demo.json").path)
        let config = try simulator.writeConfig(in: scratch)
        let environment = scratch.withoutClientSecret
        _ = try simulator.connect(scratch, db: db, config: config, environment: environment)
        func run(_ arguments: [String]) throws -> CommandResult {
            try scratch.runWith(environment, arguments + ["--db", db, "--config", config], stdin: "cashier-demo\n")
        }
        func saleID(_ body: String) throws -> String {
            try #require(body.firstMatch(of: /"saleID"\s*:\s*"(\d+)"/).map { String($0.1) }, "\(body)")
        }
        func punches(_ sale: String) throws -> String {
            try sqlite(db, "SELECT count(*) FROM punches WHERE sale_id = '\(sale)' AND removed_at IS NULL")
        }

        // 1. An open sale: 2 × MeNow 12 lb ($34.99) with $10.00 off, a $0.10 deposit each, and Lamb & Oat whose
        //    UPC Lightspeed keeps as 11 digits. `sale` says it is open and records nothing.
        let open = try saleID(simulator.control("ring-up", """
            {"customerID": "101", "lines": [{"code": "007123000016", "quantity": 2, "discount": "10.00"},
             {"fee": "0.10"}, {"code": "007123000030"}]}
            """).body)
        let early = try run(["sale", open, "--user", "cashier"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.contains("is still open: nothing was recorded"), "\(early.stdout)")
        #expect(try punches(open) == "0")
        // The cashier takes payment: now it records, once; points on $59.98 + the Lamb & Oat, never the fee.
        #expect(try simulator.control("complete", #"{"saleID": "\#(open)"}"#).status == 200)
        let done = try run(["sale", open, "--user", "cashier", "--json"])
        #expect(done.status == 0, "\(done.stderr)")
        let outcome = try #require((try JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any])?["outcome"]
            as? [String: Any])
        #expect((outcome["punchIDs"] as? [Any])?.count == 3, "two MeNow and the 11-digit Lamb & Oat")
        let lamb = try sqlite(db, "SELECT upc FROM punches WHERE sale_id = '\(open)' AND description LIKE '%Lamb%'")
        #expect(lamb == "00007123000030")
        // $69.98 − $10.00 + the Lamb & Oat's price, in whole dollars; the $0.20 of deposits earn nothing.
        let points = try #require(outcome["pointsChange"] as? Int)
        #expect(points >= 59 + 1 && points < 59 + 60, "\(points)")
        let again = try run(["sale", open, "--user", "cashier"])
        #expect(again.stdout.contains("nothing new to add, 3 already recorded"), "\(again.stdout)")
        #expect(try punches(open) == "3")

        // 2. Two shops: 23:30 in Denver three days ago is already the next day in New York (the store's zone).
        let zone = TimeZone(identifier: "America/Denver")!
        var denver = Calendar(identifier: .gregorian)
        denver.timeZone = zone
        let day = denver.date(byAdding: .day, value: -3, to: denver.startOfDay(for: Date()))!
        let late = denver.date(bySettingHour: 23, minute: 30, second: 0, of: day)!
        let stamp = ISO8601DateFormatter().string(from: late)
        let west = try saleID(simulator.control("ring-up", """
            {"customerID": "101", "shopID": "2", "at": "\(stamp)", "completed": "true", "lines": [{"code": "008890000513"}]}
            """).body)
        #expect(try run(["sale", west, "--user", "cashier"]).status == 0)
        let dayText = { (date: Date) -> String in
            let c = denver.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        #expect(try sqlite(db, "SELECT purchase_date FROM punches WHERE sale_id = '\(west)'") == dayText(late))

        // 3. Two bags bought today, one refunded before Import History runs: one is offered.
        let bones = try saleID(simulator.control("ring-up", """
            {"customerID": "101", "completed": "true", "lines": [{"code": "008890000520", "quantity": 2}]}
            """).body)
        #expect(try simulator.control("refund", #"{"saleID": "\#(bones)", "units": "1"}"#).status == 200)
        var newYork = Calendar(identifier: .gregorian)
        newYork.timeZone = TimeZone(identifier: "America/New_York")!
        let today = newYork.dateComponents([.year, .month, .day], from: Date())
        let since = String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
        let sally = try sqlite(db, "SELECT id FROM customers WHERE lightspeed_customer_id = '101' AND merged_into IS NULL")
        let review = try run(["import-history", sally, "--since", since, "--user", "cashier"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Refunded"), "\(review.stdout)")
        #expect(review.stdout.contains("1 to import"), "\(review.stdout)")
        #expect(review.stdout.contains("1 refunded"), "\(review.stdout)")
    }
}
