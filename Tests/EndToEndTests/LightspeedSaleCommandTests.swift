import Foundation
import Testing

/// `astro-loyalty sale` on the demo store (training mode: the built-in simulator with the demo Lightspeed data).
@Suite(.serialized) struct LightspeedSaleCommandTests {
    @Test func sallysMissedSaleThenAgainThenItsRefund() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let points = { try sqlite(db, "SELECT coalesce(sum(delta), 0) FROM points_entries e JOIN customers c ON c.id = e.customer_id WHERE c.lightspeed_customer_id = '101'") }
        let pointsBefore = Int(try points()) ?? 0

        // 5004: MeNow 12 lb + 2 Crunchy Bones, missed by the button.
        let first = try scratch.run(["sale", "5004", "--user", "cashier", "--db", db, "--json"], stdin: "cashier-demo\n")
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let outcome = try #require(report["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "recorded")
        #expect((outcome["punchIDs"] as? [Any])?.count == 3)
        let earned = try #require(outcome["pointsChange"] as? Int)
        #expect(earned > 0)
        #expect(!first.stderr.contains("info"), "no log chatter on a headless command: \(first.stderr)")

        let again = try scratch.run(["sale", "5004", "--user", "cashier", "--db", db], stdin: "cashier-demo\n")
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing new to add, 3 already recorded"))

        let refund = try scratch.run(["sale", "5006", "--refund", "--user", "cashier", "--db", db], stdin: "cashier-demo\n")
        #expect(refund.status == 0, "\(refund.stderr)")
        #expect(refund.stdout.contains("points taken back"))
        #expect(refund.stdout.contains("punches of the refunded items"))
        let pointsAfter = Int(try points()) ?? 0
        #expect(pointsAfter > pointsBefore && pointsAfter < pointsBefore + earned)
        #expect(try sqlite(db, "SELECT count(*) FROM punches WHERE sale_id = '5004' AND source = 'realtime'") == "3")

        let noCustomer = try scratch.run(["sale", "5034", "--user", "cashier", "--db", db], stdin: "cashier-demo\n")
        #expect(noCustomer.status == 3)
        #expect(noCustomer.stdout.contains("has no customer: attach the customer"))
        let missing = try scratch.run(["sale", "99999", "--user", "cashier", "--db", db], stdin: "cashier-demo\n")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Lightspeed has no sale 99999. Nothing was recorded."))
    }

    @Test func findLightspeedCustomersToLinkTheRightOne() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let dana = try scratch.run(["lightspeed", "find", "dana", "--db", db])
        #expect(dana.status == 0, "\(dana.stderr)")
        #expect(dana.stdout.contains("120  Dana Newcomer"))
        #expect(dana.stdout.contains("(not linked)"))
        let sally = try scratch.run(["lightspeed", "find", "867-5309", "--db", db])
        #expect(sally.stdout.contains("101  Sally Pet Owner"))
        #expect(sally.stdout.contains("→ customer #"))
    }
}
