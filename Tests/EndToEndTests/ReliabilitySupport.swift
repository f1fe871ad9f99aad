import Foundation
import GRDB
import Testing

/// A Lightspeed history big enough to matter, written as a simulator data file: `sales` completed sales per
/// customer, each with one line of `units` units of Whisker Feast (a demo program with N = 10), spread over the
/// last weeks. Sale and line IDs never collide with the demo data's (5001… / 9001…).
struct SimulatedHistory {
    struct Customer {
        /// The Lightspeed customerID (the demo store links 103 to 李 伟 #4 and 105 to 山田 花子 #6, both without cards).
        var lightspeedID: String
        var sales: Int
        var units: Int
    }

    static let upc = "006311000210"
    static let itemID = "210"

    var customers: [Customer]

    /// The data file the simulator (`lightspeed-sim --data` or the config's `simulatorDataPath`) reads.
    func json(now: Date = Date()) -> String {
        let format = ISO8601DateFormatter()
        var sales: [String] = []
        var saleID = 60_000, lineID = 800_000
        for customer in customers {
            for index in 0..<customer.sales {
                // From 20 days ago, a few minutes apart: all inside a `--since` of 30 days ago, none today.
                let time = format.string(from: now.addingTimeInterval(-20 * 86_400 + Double(index) * 180))
                sales.append("""
                    {"saleID": "\(saleID)", "completed": "true", "voided": "false", "completeTime": "\(time)",
                     "timeStamp": "\(time)", "updatetime": "\(time)", "customerID": "\(customer.lightspeedID)",
                     "calcSubtotal": "\(customer.units).00", "calcTotal": "\(customer.units).00", "ticketNumber": "T\(saleID)",
                     "SaleLines": {"SaleLine": [{"saleLineID": "\(lineID)", "itemID": "\(Self.itemID)",
                       "unitQuantity": "\(customer.units)", "unitPrice": "1.00", "calcSubtotal": "\(customer.units).00",
                       "parentSaleLineID": "0"}]}}
                    """)
                saleID += 1
                lineID += 1
            }
        }
        let people = customers.map {
            """
            {"customerID": "\($0.lightspeedID)", "firstName": "Test", "lastName": "Customer \($0.lightspeedID)",
             "archived": "false", "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}}
            """
        }
        return """
            {"Account": {"accountID": "12345", "name": "Happy Tails Pet Supply (reliability)"},
             "Customer": [\(people.joined(separator: ",\n"))],
             "Item": [{"itemID": "\(Self.itemID)", "description": "Whisker Feast Dry Cat Food 3 lb", "upc": "\(Self.upc)",
                       "ean": "", "customSku": "",
                       "Prices": {"ItemPrice": [{"amount": "1.00", "useType": "Default", "useTypeID": "1"}]}}],
             "Sale": [\(sales.joined(separator: ",\n"))]}
            """
    }

    /// Writes the data file and a config whose Lightspeed is the in-process simulator on that file; returns the
    /// config's path.
    func writeConfig(in scratch: Scratch, name: String = "reliability") throws -> String {
        let data = scratch.path("\(name)-sim.json")
        try json().write(toFile: data, atomically: true, encoding: .utf8)
        let config = scratch.path("\(name)-config.json")
        try #"{"lightspeed": {"simulator": true, "simulatorDataPath": "\#(data)"}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    /// A `--since` that covers every generated sale.
    static var since: String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "yyyy-MM-dd"
        return format.string(from: Date().addingTimeInterval(-30 * 86_400))
    }
}

/// A child `astro-loyalty` that the test may kill: stdin written and closed at once, stderr kept in a file (a
/// file, not a pipe, so a killed child never leaves a reader waiting).
final class KillableRun {
    let process = Process()
    let errorPath: String
    let outputPath: String
    let started = Date()

    init(_ scratch: Scratch, _ arguments: [String], stdin: String, environment: [String: String]? = nil) throws {
        errorPath = scratch.path("stderr-\(UUID().uuidString).txt")
        outputPath = scratch.path("stdout-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment ?? scratch.environment
        process.currentDirectoryURL = scratch.url
        let input = Pipe()
        process.standardInput = input
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(started) }
    var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// SIGKILL: no handler runs, no transaction is finished, exactly like a power cut for the process.
    func killNow() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits (bounded) for the end; returns the exit status (SIGKILLed when it overran).
    @discardableResult
    func wait(timeout: TimeInterval = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            Issue.record("astro-loyalty \(process.arguments ?? []) overran \(timeout) s")
            killNow()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether SIGKILL ended it (rather than its own exit).
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }
}

/// File permission bits (e.g. 0o600).
func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The count one query returns, read with the sqlite3 shell.
func sqliteCount(_ db: String, _ sql: String) throws -> Int {
    let text = try sqlite(db, sql)
    guard let value = Int(text) else {
        Issue.record("not a count from \(sql): \(text)")
        return -1
    }
    return value
}

/// Asks for a store's write lock without waiting (`BEGIN IMMEDIATE` with no busy timeout) and gives it back at
/// once: refused means another process is inside a write transaction at this moment.
final class WriteLockProbe {
    private var queue: DatabaseQueue?

    init(_ path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func isHeldByAnother() -> Bool {
        guard let queue else { return false }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let error as DatabaseError {
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        } catch {
            return false
        }
    }

    /// When `run` held the write lock, polled each millisecond until it ends (bounded by `timeout`): the spans,
    /// in seconds since it started, in order. A span shorter than a poll may go unseen.
    func heldSpans(while run: KillableRun, timeout: TimeInterval = 60) -> [HeldSpan] {
        var spans: [HeldSpan] = []
        var open: Double?
        while run.process.isRunning && run.elapsed < timeout {
            let now = run.elapsed
            if isHeldByAnother() {
                if open == nil { open = now }
            } else if let start = open {
                spans.append(HeldSpan(start: start, end: now))
                open = nil
            }
            usleep(1_000)
        }
        if let start = open { spans.append(HeldSpan(start: start, end: run.elapsed)) }
        close()
        return spans
    }

    func close() {
        try? queue?.close()
        queue = nil
    }
}

/// A time the write lock was held, in seconds since a run started.
struct HeldSpan {
    var start: Double
    var end: Double
    var length: Double { end - start }
}
