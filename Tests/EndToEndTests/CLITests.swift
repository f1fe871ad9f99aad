import Foundation
import Testing

/// The headless CLI, driven as a store manager or a script would: the real binary, a real store file.
@Suite(.serialized) struct CLITests {
    @Test func initDemoThenFindSallyWithHerCards() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let made = try scratch.run(["init", "--demo", "--db", db])
        #expect(made.status == 0, "\(made.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let found = try scratch.run(["customer", "find", "sally", "--db", db, "--json"])
        #expect(found.status == 0, "\(found.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
        let sally = try #require(rows.first { $0["name"] as? String == "Sally Pet Owner" })
        let cards = try #require(sally["cards"] as? [[String: Any]])
        #expect(cards.count == 3)
        let menow = try #require(cards.first { ($0["program"] as? String)?.contains("MeNow") == true })
        #expect(menow["punches"] as? Int == 7)
        #expect(menow["of"] as? Int == 12)
        let sources = Set(((menow["punchList"] as? [[String: Any]]) ?? []).compactMap { $0["source"] as? String })
        #expect(sources == ["paper", "counter", "realtime", "import", "exception"])
    }

    @Test func checkoutRecordsAPunchAndCompletesACard() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        // Sally's MeNow card is 7/12: five more bags fill it.
        let result = try scratch.run(["checkout", "1", "--upc", "007123000016", "--qty", "5", "--user", "cashier",
                                      "--db", db, "--json"], stdin: "cashier-demo\n")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["punches"] as? [Any])?.count == 5)
        #expect((report["completedCards"] as? [Any])?.count == 1)

        let audit = try sqlite(db, "SELECT username || ' ' || action FROM audit_log ORDER BY id DESC LIMIT 1")
        #expect(audit == "cashier punch.purchase")
    }

    /// Issue 14 #4 on the command line: `program add-upc` of a UPC the program has (here in its 13-digit form)
    /// is refused showing old → new and changes nothing; with --change it changes it, audited.
    @Test func addUPCOfAUPCTheProgramHasIsAChangeOnlyWithChange() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let program = try sqlite(db, "SELECT program_id FROM program_items WHERE upc = '00007123000016'")
        let args = ["program", "add-upc", program, "--upc", "0007123000016", "--description", "MeNow C&R 12 lb bag",
                    "--size", "12 lb", "--user", "admin", "--db", db]
        let refused = try scratch.run(args, stdin: "admin-demo\n")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already in program #\(program): “MeNow Munchies Chicken & Rice 12 lb”"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("--change"))
        #expect(try sqlite(db, "SELECT description FROM program_items WHERE upc = '00007123000016'")
                == "MeNow Munchies Chicken & Rice 12 lb")
        let changed = try scratch.run(args + ["--change"], stdin: "admin-demo\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try sqlite(db, "SELECT description FROM program_items WHERE upc = '00007123000016'") == "MeNow C&R 12 lb bag")
        #expect(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'program.item-change'") == "1")
    }

    @Test func badInputGetsOneClearLineAndChangesNothing() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        // Sign-ins (and failed ones) are audited; nothing else may change.
        let changes = """
            SELECT (SELECT count(*) FROM punches) || '/' || (SELECT count(*) FROM customers) || '/'
                || (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'user.sign-in%')
            """
        let before = try sqlite(db, changes)
        let cases: [([String], String, String)] = [
            (["checkout", "1", "--upc", "007123000017", "--user", "cashier"], "cashier-demo\n", "check digit"),
            (["checkout", "1", "--upc", "12ab", "--user", "cashier"], "cashier-demo\n", "digits only"),
            (["checkout", "1", "--upc", "007123000016", "--user", "cashier"], "wrong-password\n", "wrong"),
            (["checkout", "99999", "--upc", "007123000016", "--user", "cashier"], "cashier-demo\n", "customer"),
            (["paper", "1", "--program", "1", "--punches", "3", "--first", "2024-13-01", "--last", "2024-02-01",
              "--user", "cashier"], "cashier-demo\n", "YYYY-MM-DD"),
            (["customer", "add", "--first", "", "--last", "X", "--user", "cashier"], "cashier-demo\n", "name"),
            (["punch", "remove", "1", "--reason", "oops", "--manager", "cashier"], "cashier-demo\n", "manager"),
            (["customer", "find", "zzzzqqq"], "", "No customer matches"),
        ]
        for (arguments, stdin, expected) in cases {
            let result = try scratch.run(arguments + ["--db", db], stdin: stdin)
            #expect(result.status != 0, "\(arguments) should fail")
            let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("Password") }
            #expect(lines.count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.localizedCaseInsensitiveContains(expected), "\(arguments): \(result.stderr)")
        }
        #expect(try sqlite(db, changes) == before)
        #expect(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'user.sign-in-failed'") == "1")
    }

    @Test func missingStoreIsExplained() throws {
        let scratch = try Scratch()
        let result = try scratch.run(["customer", "find", "sal", "--db", scratch.path("nope.sqlite")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("astro-loyalty init"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("nope.sqlite")))
    }

    @Test func mergeAndBackup() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let preview = try scratch.run(["customer", "merge", "1", "2", "--manager", "manager", "--db", db])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("Would merge"))
        let merged = try scratch.run(["customer", "merge", "1", "2", "--manager", "manager", "--yes", "--db", db],
                                     stdin: "2222\n")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try sqlite(db, "SELECT merged_into FROM customers WHERE id = 2") == "1")
        let audit = try sqlite(db, "SELECT username FROM audit_log WHERE action = 'customer.merge' AND customer_id = 1")
        #expect(audit == "manager")

        let backup = scratch.path("backup.sqlite")
        let copied = try scratch.run(["db", "backup", backup, "--db", db])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(try sqlite(backup, "SELECT count(*) FROM customers") == sqlite(db, "SELECT count(*) FROM customers"))
        let check = try scratch.run(["db", "check", "--db", backup])
        #expect(check.stdout.contains("sound"))
    }
}

/// Reads one value with the sqlite3 shell: the tests check the file as any other tool would see it.
func sqlite(_ db: String, _ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try runChild("/usr/bin/sqlite3", [db, sql], timeout: 30)
    if result.timedOut { Issue.record("sqlite3 \(sql) overran 30 s", sourceLocation: sourceLocation) }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}
