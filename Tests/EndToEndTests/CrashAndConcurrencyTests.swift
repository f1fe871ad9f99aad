import Foundation
import Testing

/// Issue 9's promises about the store file, checked with the real binary as separate processes: an Import
/// History commit killed at any moment is wholly there or wholly absent, two counters writing at once both
/// succeed without "database is locked", and a backup taken meanwhile is a sound, owner-only copy.
@Suite(.serialized) struct CrashAndConcurrencyTests {
    /// Customer 李 伟 (#4, Lightspeed 103) has no cards in the demo store: every punch of hers is the import's.
    static let herPunches = "SELECT count(*) FROM punches p JOIN cards c ON c.id = p.card_id WHERE c.customer_id = 4"
    static let overfullCards = """
        SELECT count(*) FROM cards c JOIN programs p ON p.id = c.program_id
        WHERE (SELECT count(*) FROM punches WHERE card_id = c.id AND removed_at IS NULL) > p.punches_required
        """

    /// 5,000 units (125 sales of 40, two pages from Lightspeed) imported by `import-history --commit`, SIGKILLed
    /// 20 times: half at random moments anywhere in the run (sign-in, fetch, matching, commit), half caught inside
    /// the commit. A full run on a copy is watched first: the longest time it held the store's write lock is its
    /// commit, and its sign-in's writes came before. A caught kill waits, past the sign-in, for the first moment
    /// the run holds the write lock (polled each millisecond), then a random part of the commit's length. Just
    /// before every kill the test asks for the lock without waiting: refused, past the sign-in, means the import's
    /// transaction was open, so the kill landed inside the commit. Some kills must land inside the commit and leave
    /// nothing; after every kill the file is sound and the import is all there or not at all (a finished one is
    /// reset to the demo store, so every kill meets an import still to do); an uninterrupted run then completes
    /// it, and one more adds nothing.
    @Test(.timeLimit(.minutes(3)))
    func anImportOf5000PunchesKilledAtRandomIsWhollyThereOrWhollyAbsent() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let probe = try DemoFixture.copy(into: scratch, name: "probe.sqlite")
        let units = 5_000
        let config = try SimulatedHistory(customers: [.init(lightspeedID: "103", sales: 125, units: 40)])
            .writeConfig(in: scratch)
        func importing(_ store: String, commit: Bool = true) -> [String] {
            ["import-history", "4", "--since", SimulatedHistory.since, "--json", "--user", "cashier", "--db", store,
             "--config", config] + (commit ? ["--commit"] : [])
        }

        // The phases' timing on a copy: a full run, its writes watched until it ends.
        let full = try KillableRun(scratch, importing(probe), stdin: "cashier-demo\n")
        let writes = try WriteLockProbe(probe).heldSpans(while: full)
        #expect(full.wait() == 0, "\(full.stderr)")
        let fullTime = full.elapsed
        try #require(try sqliteCount(probe, Self.herPunches) == units, "the uninterrupted import on the copy")
        let commit = try #require(writes.max { $0.length < $1.length }, "the full run never held the write lock")
        let signedIn = writes.filter { $0.end < commit.start }.map(\.end).max() ?? 0
        // Caught kills look for the lock from here: well past the sign-in's writes, and before the commit even of a
        // run quicker than the probe (warm caches).
        let watchFrom = signedIn + (commit.start - signedIn) * 0.3

        var generator = SystemRandomNumberGenerator()
        var outcomes: [Int] = [], inCommit: [Int] = [], interrupted = 0, caughtInCommit = 0
        for attempt in 0..<20 {
            let caught = !attempt.isMultiple(of: 2)
            let run = try KillableRun(scratch, importing(db), stdin: "cashier-demo\n")
            let lock = try WriteLockProbe(db)
            if caught {
                let deadline = fullTime * 3 + 5
                while run.process.isRunning && run.elapsed < deadline
                        && !(run.elapsed >= watchFrom && lock.isHeldByAnother()) {
                    usleep(1_000)
                }
                usleep(UInt32(Double.random(in: 0...(commit.length * 0.8), using: &generator) * 1_000_000))
            } else {
                usleep(UInt32(Double.random(in: 0.05...fullTime, using: &generator) * 1_000_000))
            }
            let delay = run.elapsed
            let committing = lock.isHeldByAnother() && run.process.isRunning
            lock.close()
            run.killNow()
            if run.wasKilled { interrupted += 1 }
            let punches = try sqliteCount(db, Self.herPunches)
            let runs = try sqliteCount(db, "SELECT count(*) FROM import_runs WHERE customer_id = 4")
            #expect(punches == 0 || punches == units, "kill \(attempt) at \(delay) s left \(punches) of \(units) punches")
            #expect(runs == (punches == 0 ? 0 : 1), "kill \(attempt): \(runs) recorded runs for \(punches) punches")
            #expect(try sqlite(db, "PRAGMA integrity_check") == "ok", "kill \(attempt) at \(delay) s")
            outcomes.append(punches)
            // The write lock held past the sign-in's writes is the import's transaction.
            if committing && delay >= watchFrom {
                inCommit.append(punches)
                if caught { caughtInCommit += 1 }
            }
            // A finished import leaves nothing for the next kill to break: start again from the demo store.
            if punches == units {
                for file in [db, db + "-wal", db + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
                _ = try DemoFixture.copy(into: scratch)
            }
        }
        #expect(try sqliteCount(db, Self.overfullCards) == 0)
        print("import of \(units) punches: full run \(String(format: "%.2f", fullTime)) s, commit "
              + "\(String(format: "%.2f", commit.start))–\(String(format: "%.2f", commit.end)) s, sign-in's writes "
              + "over by \(String(format: "%.2f", signedIn)) s; 20 kills (\(interrupted) before the run ended): "
              + "\(outcomes.filter { $0 == 0 }.count) absent, \(outcomes.filter { $0 == units }.count) complete; "
              + "\(inCommit.count) inside the commit (\(inCommit.filter { $0 == 0 }.count) absent, "
              + "\(caughtInCommit) of the 10 caught)")
        // The point of the test: kills that interrupted the commit itself, and left nothing behind.
        #expect(inCommit.filter { $0 == 0 }.count >= 2,
                "only \(inCommit.count) of the 20 kills landed inside the commit (\(inCommit.filter { $0 == 0 }.count) absent)")

        let finish = try KillableRun(scratch, importing(db), stdin: "cashier-demo\n")
        #expect(finish.wait() == 0, "\(finish.stderr)")
        #expect(try sqliteCount(db, Self.herPunches) == units)
        let again = try KillableRun(scratch, importing(db), stdin: "cashier-demo\n")
        #expect(again.wait() == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing to import"), "\(again.stdout.prefix(400))")
        #expect(try sqliteCount(db, Self.herPunches) == units, "a second run added punches")
        #expect(try sqliteCount(db, "SELECT count(*) FROM import_runs WHERE customer_id = 4") == 1)
        #expect(try sqliteCount(db, "SELECT count(DISTINCT p.sale_line_id || '/' || p.unit_index) FROM punches p "
                                + "JOIN cards c ON c.id = p.card_id WHERE c.customer_id = 4") == units)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }

    /// Two counters (two processes on one file) each import 1,000 punches and 200 points entries at the same
    /// moment, while `db backup` copies the store again and again: both land in full, nobody sees "database is
    /// locked", no card passes N; every backup opens, passes the integrity check, is owner-only, and holds each
    /// import wholly or not at all.
    @Test(.timeLimit(.minutes(2)))
    func twoCountersImportAtOnceWhileBackupsRun() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let config = try SimulatedHistory(customers: [.init(lightspeedID: "103", sales: 200, units: 5),
                                                      .init(lightspeedID: "105", sales: 200, units: 5)])
            .writeConfig(in: scratch)
        let punchesBefore = try sqliteCount(db, "SELECT count(*) FROM punches")
        let entriesBefore = try sqliteCount(db, "SELECT count(*) FROM points_entries")
        let counters = try [("4", "cashier"), ("6", "cashier2")].map { customer, user in
            try KillableRun(scratch, ["import-history", customer, "--since", SimulatedHistory.since, "--points",
                                      "--commit", "--json", "--user", user, "--db", db, "--config", config],
                            stdin: "\(user)-demo\n")
        }
        // Backups one after another for as long as a counter runs; those that both started and ended while both
        // counters were still running were certainly taken while two writers were busy.
        var backups: [String] = [], duringBothImports = 0
        repeat {
            let path = scratch.path("backup-\(backups.count).sqlite")
            let bothBefore = counters.allSatisfy { $0.process.isRunning }
            let backup = try scratch.run(["db", "backup", path, "--db", db])
            if bothBefore && counters.allSatisfy({ $0.process.isRunning }) { duringBothImports += 1 }
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(!backup.stderr.localizedCaseInsensitiveContains("locked"))
            backups.append(path)
        } while counters.contains { $0.process.isRunning } && backups.count < 20
        #expect(duringBothImports >= 1, "no backup ran while both counters were importing (\(backups.count) taken)")

        for counter in counters {
            #expect(counter.wait() == 0, "\(counter.stderr)")
            #expect(!counter.stderr.localizedCaseInsensitiveContains("locked"), "\(counter.stderr)")
            #expect(!counter.stderr.localizedCaseInsensitiveContains("busy"), "\(counter.stderr)")
        }
        #expect(try sqliteCount(db, "SELECT count(*) FROM punches") - punchesBefore == 2_000)
        #expect(try sqliteCount(db, "SELECT count(*) FROM points_entries") - entriesBefore == 400)
        #expect(try sqliteCount(db, Self.overfullCards) == 0)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")

        for path in backups {
            #expect(try permissions(of: path) == 0o600, "\(path) is not owner-only")
            #expect(try sqlite(path, "PRAGMA integrity_check") == "ok")
            for customer in [4, 6] {
                let punches = try sqliteCount(path, "SELECT count(*) FROM punches p JOIN cards c ON c.id = p.card_id "
                                              + "WHERE c.customer_id = \(customer)")
                let entries = try sqliteCount(path, "SELECT count(*) FROM points_entries WHERE customer_id = \(customer)")
                #expect([0, 1_000].contains(punches), "backup \(path): \(punches) punches of customer \(customer)")
                #expect(entries == (punches == 0 ? 0 : 200), "backup \(path): \(entries) entries, \(punches) punches")
            }
        }
        print("two counters importing at once: \(backups.count) backups, \(duringBothImports) while both imported")
    }

    /// Two counters and a third process punching the same customer at once with counter purchases.
    @Test func twoCountersWritingAtOnceBothLand() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let before = Int(try sqlite(db, "SELECT count(*) FROM punches"))!
        let units = 600
        // Two counters, two customers and one shared customer: all at the same moment.
        let runs = try [("1", "007123000016"), ("5", "006311000210"), ("1", "008890000513")].map { customer, upc in
            try KillableRun(scratch, ["checkout", customer, "--upc", upc, "--qty", "\(units)", "--user", "cashier",
                                      "--db", db], stdin: "cashier-demo\n")
        }
        for run in runs {
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(!run.stderr.localizedCaseInsensitiveContains("locked"))
        }
        #expect(Int(try sqlite(db, "SELECT count(*) FROM punches"))! - before == 3 * units)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(try sqliteCount(db, Self.overfullCards) == 0)
    }
}
