import Foundation
import Testing

/// `astro-loyalty watch`, the real binary, against `lightspeed-sim` in its own process: killed with SIGKILL at
/// random while it catches up on a 5,000-sale backlog, restarted each time, then stopped with SIGTERM.
@Suite(.serialized) struct WatcherEndToEndTests {
    /// A backlog over the last three days: every third sale for a linked demo customer, the others for two
    /// Lightspeed customers linked to nobody or for no customer; one or two lines of program items or a toy.
    struct Backlog {
        var json: String
        /// saleID → program units, for the sales of linked customers.
        var expected: [String: Int]
        /// saleID → completeTime, for every sale.
        var completedAt: [String: Date]
        /// Sales of Lightspeed customers linked to nobody.
        var unlinked: Int
    }

    static func backlog(sales count: Int, linked: [String], programUPCs: [String], now: Date) -> Backlog {
        var random = SeededGenerator(seed: 5000)
        var sales: [String] = []
        var expected: [String: Int] = [:]
        var completedAt: [String: Date] = [:]
        var lineID = 100_000
        var unlinked = 0
        let formatter = ISO8601DateFormatter()
        let start = now.addingTimeInterval(-3 * 86_400)
        for n in 0..<count {
            let saleID = String(200_000 + n)
            let at = start.addingTimeInterval(Double(n) * (3 * 86_400 - 600) / Double(count))
            let stamp = formatter.string(from: at).replacingOccurrences(of: "Z", with: "+00:00")
            let customer: String
            // As at a real counter: most sales are for customers outside the program or for nobody.
            switch n % 6 {
            case 0: customer = linked[(n / 6) % linked.count]
            case 1: customer = "9001"
            case 2: customer = "9002"
            default: customer = "0"
            }
            var lines: [String] = []
            var units = 0
            for _ in 0..<(1 + Int(random.next() % 2)) {
                lineID += 1
                let quantity = 1 + Int(random.next() % 2)
                let program = random.next() % 4 != 0
                let item = program ? String(301 + Int(random.next() % UInt64(programUPCs.count))) : "399"
                if program { units += quantity }
                lines.append("""
                    {"saleLineID": "\(lineID)", "saleID": "\(saleID)", "itemID": "\(item)", "unitQuantity": "\(quantity)",
                     "unitPrice": "10", "calcSubtotal": "\(10 * quantity)", "displayableSubtotal": "\(10 * quantity)",
                     "parentSaleLineID": "0", "createTime": "\(stamp)", "timeStamp": "\(stamp)"}
                    """)
            }
            if customer != "0", customer != "9001", customer != "9002" { expected[saleID] = units }
            if customer == "9001" || customer == "9002" { unlinked += 1 }
            completedAt[saleID] = at
            sales.append("""
                {"saleID": "\(saleID)", "completed": "true", "voided": "false", "archived": "false",
                 "createTime": "\(stamp)", "updatetime": "\(stamp)", "timeStamp": "\(stamp)", "completeTime": "\(stamp)",
                 "customerID": "\(customer)", "employeeID": "1", "registerID": "\(1 + n % 3)", "shopID": "1",
                 "ticketNumber": "22\(saleID)", "calcSubtotal": "0", "total": "0",
                 "SaleLines": {"SaleLine": [\(lines.joined(separator: ","))]}}
                """)
        }
        let items = programUPCs.enumerated().map { index, upc in
            """
            {"itemID": "\(301 + index)", "description": "Program item \(index)", "upc": "\(upc)", "ean": "", "customSku": "",
             "archived": "false", "Prices": {"ItemPrice": {"amount": "10", "useTypeID": "1", "useType": "Default"}}}
            """
        } + ["""
            {"itemID": "399", "description": "Squeaky Toy", "upc": "099990000015", "ean": "", "customSku": "",
             "archived": "false", "Prices": {"ItemPrice": {"amount": "3.5", "useTypeID": "1", "useType": "Default"}}}
            """]
        let customers = (linked + ["9001", "9002"]).map { id in
            """
            {"customerID": "\(id)", "firstName": "Customer", "lastName": "\(id)", "archived": "false",
             "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}}
            """
        }
        let json = """
            {"Account": {"accountID": "12345", "name": "Happy Tails Pet Supply (sim)"},
             "Customer": [\(customers.joined(separator: ","))],
             "Item": [\(items.joined(separator: ","))],
             "Sale": [\(sales.joined(separator: ",\n"))]}
            """
        return Backlog(json: json, expected: expected, completedAt: completedAt, unlinked: unlinked)
    }

    /// What the store holds: counting punches per sale.
    static func recorded(_ db: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let text = try sqlite(db, "SELECT sale_id || ' ' || count(*) FROM punches WHERE removed_at IS NULL AND sale_id LIKE '2%' GROUP BY sale_id")
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { counts[String(parts[0])] = Int(parts[1]) }
        }
        return counts
    }

    static func checkpoint(_ db: String) throws -> Date? {
        let text = try sqlite(db, "SELECT checkpoint FROM watcher_state WHERE id = 1")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.date(from: text)
    }

    @Test func killedTwentyTimesDuringCatchUpNothingTwiceNothingLostCheckpointNeverAhead() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let linked = try sqlite(db, "SELECT lightspeed_customer_id FROM customers WHERE lightspeed_customer_id IS NOT NULL AND merged_into IS NULL ORDER BY id LIMIT 6")
            .split(separator: "\n").map(String.init)
        let upcs = try sqlite(db, "SELECT substr(upc, 3) FROM program_items WHERE upc LIKE '00%' ORDER BY upc LIMIT 3")
            .split(separator: "\n").map(String.init)
        #expect(linked.count >= 3 && upcs.count == 3)
        let now = Date()
        let backlog = Self.backlog(sales: 5000, linked: linked, programUPCs: upcs, now: now)
        let dataFile = scratch.path("backlog.json")
        try backlog.json.write(toFile: dataFile, atomically: true, encoding: .utf8)
        // Sixty registers' worth of bucket (590 drips, 30.5 a second): the watcher's half is what paces it.
        let simulator = try SimulatorProcess(scratch, data: dataFile, registers: 60)
        let config = try simulator.writeConfig(
            in: scratch, watcher: #"{"pollSeconds": 1, "leaseSeconds": 4, "overlapSeconds": 60}"#)
        _ = try simulator.connect(scratch, db: db, config: config, environment: scratch.environment)
        // The watcher starts where the store stopped watching: before the backlog.
        _ = try sqlite(db, "UPDATE watcher_state SET checkpoint = '\(Self.storeTime(now.addingTimeInterval(-3 * 86_400 - 60)))' WHERE id = 1")
        let expectedTotal = backlog.expected.values.reduce(0, +)
        #expect(expectedTotal > 1000)

        let started = Date()
        var kills = 0
        var random = SeededGenerator(seed: 20)
        while kills < 20 {
            // Kill it at a random moment after it committed at least one more page, so every kill lands inside
            // the catch-up (mid-page, mid-sale or between pages), never before the first commit.
            let seenBefore = try sqliteCount(db, "SELECT count(*) FROM watcher_sales")
            let watch = try LiveProcess(["watch", "--db", db, "--config", config, "--holder", "e2e-watch"],
                                        environment: scratch.environment, directory: scratch.url)
            let deadline = Date().addingTimeInterval(60)
            while try sqliteCount(db, "SELECT count(*) FROM watcher_sales") == seenBefore, Date() < deadline,
                  watch.process.isRunning {
                usleep(50_000)
            }
            #expect(watch.process.isRunning, "the watcher died by itself: \(watch.stderr)")
            // Within 0.4 s of that commit: on an idle machine the watcher pages fast (its half of a full bucket
            // pays for the first pages at once), and a longer wait let the catch-up end before the 20th kill.
            usleep(useconds_t(random.next() % 400_000))
            kill(watch.process.processIdentifier, SIGKILL)
            watch.process.waitUntilExit()
            kills += 1
            let counts = try Self.recorded(db)
            for (sale, n) in counts { #expect(n <= backlog.expected[sale] ?? 0, "sale \(sale) recorded \(n) units after kill \(kills)") }
            if let checkpoint = try Self.checkpoint(db) {
                let behind = backlog.expected.filter { sale, units in
                    units > 0 && backlog.completedAt[sale]! <= checkpoint && counts[sale] != units
                }
                #expect(behind.isEmpty, "kill \(kills): checkpoint \(checkpoint) is ahead of \(behind.count) sales, e.g. \(behind.first.map { "\($0)" } ?? "")")
            }
        }
        let partial = try Self.recorded(db).values.reduce(0, +)
        #expect(partial < expectedTotal, "the kills landed during the catch-up (\(partial) of \(expectedTotal) units)")

        let finalStart = Date()
        let watch = try LiveProcess(["watch", "--db", db, "--config", config, "--holder", "e2e-watch"],
                                    environment: scratch.environment, directory: scratch.url)
        _ = try watch.wait("up to date", timeout: 120) { $0.contains("Lightspeed: up to date") ? true : nil }
        let elapsed = Date().timeIntervalSince(started)
        kill(watch.process.processIdentifier, SIGTERM)
        #expect(watch.waitForExit() == 0, "SIGTERM stops it cleanly: \(watch.stderr)")
        #expect(watch.stderr.contains("Lightspeed watcher stopped."))
        #expect(try sqlite(db, "SELECT count(*) FROM watcher_state WHERE lease_holder IS NULL") == "1", "the lease was given back")

        let counts = try Self.recorded(db)
        let wrong = backlog.expected.filter { counts[$0.key, default: 0] != $0.value }
        #expect(wrong.isEmpty, "\(wrong.count) sales not recorded exactly once, e.g. \(wrong.first.map { "\($0)" } ?? "")")
        #expect(try sqlite(db, "SELECT count(*) FROM (SELECT sale_id FROM points_entries WHERE kind = 'sale' AND sale_id LIKE '2%' GROUP BY sale_id HAVING count(*) > 1)") == "0")
        #expect(try sqlite(db, "SELECT count(*) FROM watcher_sales WHERE outcome = 'unlinked'") == String(backlog.unlinked))
        let log = try String(contentsOfFile: scratch.path("astro-loyalty.log"), encoding: .utf8)
        #expect(log.contains("Lightspeed watcher e2e-watch stopped cleanly"))
        let finalRun = Date().timeIntervalSince(finalStart)
        let salesLeft = try Int(sqlite(db, "SELECT count(*) FROM watcher_sales WHERE seen_at >= '\(Self.storeTime(finalStart))'")) ?? 0
        print("watcher catch-up: 5000 sales (\(backlog.expected.count) of linked customers, \(expectedTotal) units), 20 kills, "
              + "\(String(format: "%.1f", elapsed)) s to up to date; the last run read \(salesLeft) sales in "
              + "\(String(format: "%.1f", finalRun)) s; load average \(Self.loadAverage())")
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    static func storeTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }
}

/// A small deterministic generator (the test replays the same backlog and kill times).
struct SeededGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
