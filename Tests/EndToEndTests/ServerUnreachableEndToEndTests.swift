import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// Issue 18 #4 end to end: the real counter on a PostgreSQL store whose server is stopped under it. Scans made
/// meanwhile are kept on the counter (said within seconds, counted on the status bar), and once the server is
/// started again they land once, in order, with the time they were made.
///
/// The cluster is this test's own (`scripts/postgres` with its own folder and a free port), so stopping it
/// disturbs no other test. Runs only where `scripts/postgres` and PostgreSQL's server binaries exist.
@Suite("Server unreachable end to end", .serialized)
struct ServerUnreachableEndToEndTests {
    static let menow12 = "007123000016"

    static var script: String { Binary.repositoryRoot.appendingPathComponent("scripts/postgres").path }

    /// The cluster script, PostgreSQL's server binaries and the PostgreSQL engine in this checkout (until the engine
    /// lands, `--db postgresql://…` opens nothing and there is no server to lose).
    static var available: Bool {
        guard FileManager.default.isExecutableFile(atPath: script),
              FileManager.default.fileExists(atPath: Binary.repositoryRoot
                  .appendingPathComponent("Sources/LoyaltyStore/SQL/PostgresEngine.swift").path) else { return false }
        let bins = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return bins.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl") }
    }

    /// A private cluster: `scripts/postgres` with its own data folder and port.
    final class Cluster {
        let environment: [String: String]
        private(set) var url = ""

        init(scratch: Scratch) throws {
            var env = ProcessInfo.processInfo.environment
            env["ASTRO_PG_DIR"] = scratch.path("pg")
            // Its own port (the lead's notice gives this helper's tests 55442 by default; a free one avoids clashes).
            env["ASTRO_PG_PORT"] = String(try freeLoopbackPort())
            environment = env
            url = try run("start").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @discardableResult
        func run(_ command: String) throws -> String {
            let result = try runChild("/bin/bash", [ServerUnreachableEndToEndTests.script, command],
                                      environment: environment, directory: Binary.repositoryRoot, timeout: 120)
            guard result.status == 0 else {
                throw CLIFailure("scripts/postgres \(command) failed (\(result.status)): \(result.stderr)")
            }
            return result.stdout
        }

        deinit { _ = try? run("stop") }
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Sally's counter punches as `customer find --json` reports them: (upc, recordedAt).
    static func counterPunches(_ scratch: Scratch, _ url: String) throws -> [(upc: String, at: Date)] {
        let found = try scratch.run(["customer", "find", "sally.petowner", "--json", "--db", url])
        try #require(found.status == 0, "customer find failed: \(found.stderr)")
        struct Report: Decodable {
            struct Card: Decodable { let punchList: [Punch] }
            struct Punch: Decodable { let upc: String?; let source: String; let recordedAt: Date; let removed: String? }
            let cards: [Card]
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let reports = try decoder.decode([Report].self, from: Data(found.stdout.utf8))
        return (reports.first?.cards ?? []).flatMap(\.punchList)
            .filter { $0.source == "counter" && $0.removed == nil }
            .map { ($0.upc ?? "", $0.recordedAt) }
    }

    @Test(.enabled(if: ServerUnreachableEndToEndTests.available), .timeLimit(.minutes(4)))
    func scansMadeWhileTheServerIsStoppedLandOnceWithTheirTimeWhenItIsBack() throws {
        let scratch = try Scratch()
        let cluster = try Cluster(scratch: scratch)
        let url = cluster.url
        let created = try scratch.run(["init", "--demo", "--db", url], timeout: 180)
        try #require(created.status == 0, "init --demo on PostgreSQL failed: \(created.stderr)")
        let before = try Self.counterPunches(scratch, url)

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(url))",
                                    width: 120, height: 34)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("cashier", password: "cashier-demo")
        try screen.type("sally.petowner")
        _ = try screen.waitFor(text: "Sally Pet Owner")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Import History")

        // The server goes away under the counter.
        try cluster.run("stop")
        let firstScan = Date()
        try screen.type(Self.menow12)
        try screen.send("Enter")
        _ = try screen.waitFor(text: "kept on this counter", timeout: 10)
        let toldAfter = Date().timeIntervalSince(firstScan)
        print("server unreachable: the first scan was kept and said so after \(String(format: "%.2f", toldAfter)) s")
        // Within 2 s for the store to give up, plus the screen's polling.
        #expect(toldAfter < 3)
        _ = try screen.waitFor(text: "Server unreachable · 1 scan waiting")
        try screen.type("2*" + Self.menow12)
        try screen.send("Enter")
        let waiting = try screen.waitFor(text: "Server unreachable · 2 scans waiting")
        let lastScan = Date()
        #expect(waiting.components(separatedBy: "kept on this counter").count - 1 >= 2, "two pending lines")
        // The kept scans are on the counter's disk, readable without the server.
        let listed = try scratch.run(["queue", "list", "--json", "--db", url])
        #expect(listed.status == 0 && listed.stdout.components(separatedBy: "\"scanID\"").count - 1 == 2,
                "queue list: \(listed.stdout) \(listed.stderr)")

        // Back: the counter records both scans by itself within a few seconds.
        let restarted = Date()
        try cluster.run("start")
        _ = try screen.waitFor(text: "2 kept scans recorded", timeout: 30)
        _ = try screen.waitFor("no scans waiting", timeout: 10) { !$0.contains("waiting") }

        let after = try Self.counterPunches(scratch, url)
        let added = after.filter { p in !before.contains { $0.upc == p.upc && $0.at == p.at } }
        // Exactly three units (1 + 2), each once, with the time it was scanned (before the restart), not when
        // it was recorded.
        #expect(added.count == 3, "added: \(added)")
        #expect(added.allSatisfy { $0.at >= firstScan.addingTimeInterval(-1) && $0.at <= lastScan && $0.at < restarted },
                "times: \(added.map(\.at)), scans between \(firstScan) and \(lastScan), restart \(restarted)")
        let emptied = try scratch.run(["queue", "list", "--db", url])
        #expect(emptied.stdout.contains("No scans are kept on this counter."))
    }
}

/// `astro-loyalty queue` on a real store (SQLite): what a manager does with the scans a counter kept. The queue
/// is filled as the counter fills it (`OfflineScanQueue`), since a SQLite store never becomes unreachable.
@Suite("Kept scans on the command line", .serialized)
struct KeptScansCLITests {
    @Test(.timeLimit(.minutes(2)))
    func aManagerRetriesAndDiscardsKeptScans() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let created = try scratch.run(["init", "--demo", "--db", db])
        try #require(created.status == 0, "init --demo failed: \(created.stderr)")
        let empty = try scratch.run(["queue", "list", "--db", db])
        #expect(empty.status == 0 && empty.stdout.contains("No scans are kept on this counter."), "\(empty.stderr)")
        // The file the counter would use for this store (the listing just created it, owner-only).
        let folder = scratch.path("data/astro-loyalty")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder)
            .first { $0.hasPrefix("kept-scans-") && $0.hasSuffix(".sqlite") })
        let path = folder + "/" + file
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)

        let store = try LoyaltyStore(path: db)
        let sally = try #require(try store.searchCustomers("sally.petowner").first)
        let before = try store.punches(customer: sally.id).count
        let queue = try OfflineScanQueue(path: path)
        let munchies = try UPC.parse(ServerUnreachableEndToEndTests.menow12)
        let scannedAt = Date().addingTimeInterval(-600)
        func kept(_ quantity: Int) -> QueuedScan {
            QueuedScan(scanID: UUID(), customerID: sally.id, upc: munchies, quantity: quantity, scannedAt: scannedAt,
                       localDate: nil, username: "cashier", role: .cashier, counter: "front")
        }
        let refused = try queue.append(kept(1))
        try queue.markRefused(id: refused.id, reason: "The program \"MeNow\" is no longer active.")
        let waiting = try queue.append(kept(2))

        let listed = try scratch.run(["queue", "list", "--db", db])
        #expect(listed.stdout.contains("#\(refused.id)") && listed.stdout.contains("REFUSED: The program \"MeNow\""))
        #expect(listed.stdout.contains("#\(waiting.id)"))

        // Retry records the waiting scan (its two units, at the time it was scanned); the refused one stays.
        let retried = try scratch.run(["queue", "retry", "--db", db, "--user", "cashier"], stdin: "cashier-demo\n")
        #expect(retried.status == 0, "\(retried.stdout) \(retried.stderr)")
        #expect(retried.stdout.contains("1 kept scan recorded.") && retried.stdout.contains("0 scans waiting, 1 refused."))
        let punches = try store.punches(customer: sally.id)
        #expect(punches.count == before + 2)
        #expect(punches.filter { abs($0.recordedAt.timeIntervalSince(scannedAt)) < 0.01 }.count == 2)
        #expect(try queue.all().map(\.id) == [refused.id])

        // Putting the refused scan back in line is a manager's: a cashier is refused, nothing changes.
        let cashierTry = try scratch.run(["queue", "retry", "\(refused.id)", "--db", db, "--user", "cashier"],
                                         stdin: "cashier-demo\n")
        #expect(cashierTry.status != 0 && cashierTry.stderr.contains("Only a manager may do that."))
        #expect(try queue.scan(id: refused.id)?.isRefused == true)

        // Discarded by a manager: gone from the counter, one audit entry, no punch.
        let discarded = try scratch.run(["queue", "discard", "\(refused.id)", "--db", db, "--user", "manager"],
                                        stdin: "manager-demo\n")
        #expect(discarded.status == 0, "\(discarded.stderr)")
        #expect(try queue.all().isEmpty)
        #expect(try store.punches(customer: sally.id).count == before + 2)
        let audit = try store.auditLog(AuditFilter(action: .scanDiscarded))
        #expect(audit.count == 1 && audit.first?.username == "manager")
        #expect(audit.first?.summary.contains("refused: The program \"MeNow\" is no longer active.") == true)
    }
}
