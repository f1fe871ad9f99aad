import Foundation
import Testing

/// Issue 9's Lightspeed faults at the level of Import History, with the real binary against a simulator in
/// its own process (its data outlives each run): a sale edited between pages is imported once and the next
/// run picks up what changed, never twice; a fetch that fails halfway (truncated JSON on page 2), an HTML page
/// instead of JSON, an expired token whose refresh token was revoked, and a refused connection each end in a
/// clear message and leave the store exactly as it was.
@Suite(.serialized) struct ReliabilityLightspeedTests {
    /// Everything an import could add, in one line.
    static let footprint = """
        SELECT (SELECT count(*) FROM punches) || ' ' || (SELECT count(*) FROM cards) || ' ' ||
               (SELECT count(*) FROM points_entries) || ' ' || (SELECT count(*) FROM import_runs)
        """

    @Test(.timeLimit(.minutes(2)))
    func aSaleEditedBetweenPagesIsImportedOnceAndFailedFetchesChangeNothing() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        // Live mode: the store talks to the simulator process below, not to a built-in one.
        _ = try sqlite(db, "UPDATE settings SET value = '0' WHERE key = 'training_mode'")
        let data = scratch.path("sim.json")
        // 250 sales of one unit for 李 伟 (Lightspeed 103): three pages of 100.
        try SimulatedHistory(customers: [.init(lightspeedID: "103", sales: 250, units: 1)]).json()
            .write(toFile: data, atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess(scratch, data: data)
        let config = try simulator.writeConfig(in: scratch)
        let environment = scratch.withoutClientSecret
        _ = try simulator.connect(scratch, db: db, config: config, environment: environment)
        func importHistory() throws -> CommandResult {
            try scratch.runWith(environment, ["import-history", "4", "--since", SimulatedHistory.since, "--commit",
                                              "--json", "--user", "cashier", "--db", db, "--config", config],
                                stdin: "cashier-demo\n")
        }
        let herPunches = CrashAndConcurrencyTests.herPunches

        // Right after page 1 (sales 60000–60099) is answered, the register changes two of its sales, adds a
        // line to a third, and rings up a new one.
        let scheduled = try simulator.control("edit", """
            {"afterSalePages": 1, "edits": [
              {"setQuantity": {"saleID": "60010", "saleLineID": "800010", "quantity": 3}},
              {"setQuantity": {"saleID": "60020", "saleLineID": "800020", "quantity": 2}},
              {"recomplete": "60020"},
              {"addLine": {"saleID": "60030", "itemID": "210", "quantity": 1}},
              {"ringUp": {"customerID": "103", "itemID": "210", "quantity": 1}}]}
            """)
        #expect(scheduled.status == 200, "\(scheduled.body)")
        let first = try importHistory()
        #expect(first.status == 0, "\(first.stderr)")
        // What the first run saw: page 1 as it was, the rest as it became (at most one copy of each sale).
        let afterFirst = try sqliteCount(db, herPunches)
        #expect((250...252).contains(afterFirst), "first run: \(afterFirst)")

        // The next run picks up every change, and only the changes.
        let second = try importHistory()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try sqliteCount(db, herPunches) == 250 + 2 + 1 + 1 + 1)
        #expect(try sqliteCount(db, "SELECT count(DISTINCT p.sale_line_id || '/' || p.unit_index) FROM punches p "
                                + "JOIN cards c ON c.id = p.card_id WHERE c.customer_id = 4") == 255)
        #expect(try sqliteCount(db, "SELECT count(*) FROM punches WHERE sale_line_id = '800010'") == 3)
        #expect(try sqliteCount(db, "SELECT count(*) FROM punches WHERE sale_line_id = '800020'") == 2)
        let third = try importHistory()
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("Nothing to import"))
        #expect(try sqliteCount(db, herPunches) == 255)

        // Something new to import, then fetches that fail: none of them changes the store.
        #expect(try simulator.control("ring-up", #"{"customerID": "103", "lines": [{"code": "006311000210"}], "completed": "true"}"#).status == 200)
        let before = try sqlite(db, Self.footprint)
        // Each fault with the sentence it must end in.
        for (faults, sentence) in [(#"["none", "truncated"]"#, "could not read"), (#"["html"]"#, "could not read"),
                                   ("expired access and revoked refresh token", "Reconnect Lightspeed")] {
            if faults.hasPrefix("[") {
                #expect(try simulator.control("faults", #"{"faults": \#(faults)}"#).status == 200)
            } else {
                #expect(try simulator.control("expire-tokens", "{}").status == 200)
                #expect(try simulator.control("revoke-refresh-tokens", "{}").status == 200)
            }
            let failed = try importHistory()
            #expect(failed.status != 0, "\(faults): \(failed.stdout.prefix(300))")
            #expect(failed.stderr.contains("Lightspeed") && failed.stderr.contains(sentence), "\(faults): \(failed.stderr)")
            #expect(!failed.stderr.contains("Fatal error"), "\(faults): \(failed.stderr)")
            #expect(try sqlite(db, Self.footprint) == before, "\(faults) changed the store")
        }

        // Nothing listening any more: a refused connection says so and changes nothing.
        simulator.live.stop()
        let refused = try importHistory()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Cannot reach Lightspeed"), "\(refused.stderr)")
        #expect(try sqlite(db, Self.footprint) == before)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }
}
