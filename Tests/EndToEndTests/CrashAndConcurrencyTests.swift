import Foundation
import Testing

/// Issue 9's promises about the store file, checked with the real binary as separate processes:
/// a write killed at any moment is wholly there or wholly absent, and two counters writing at once
/// both succeed without "database is locked".
@Suite(.serialized) struct CrashAndConcurrencyTests {
    /// Starts `astro-loyalty` with `arguments`, the secret on stdin, without waiting.
    private func start(_ scratch: Scratch, _ arguments: [String], stdin: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = scratch.environment
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        return (process, errors)
    }

    @Test func aPurchaseKilledMidWriteIsWhollyThereOrWhollyAbsent() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let units = 400
        var generator = SystemRandomNumberGenerator()
        var outcomes: [Int] = []
        for _ in 0..<12 {
            let before = Int(try sqlite(db, "SELECT count(*) FROM punches"))!
            let (process, _) = try start(scratch, ["checkout", "3", "--upc", "007771000413", "--qty", "\(units)",
                                                   "--user", "cashier", "--db", db], stdin: "cashier-demo\n")
            // Sign-in (a slow hash on purpose) comes first; spread the kills over it and the write.
            usleep(UInt32.random(in: 200_000...2_500_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let added = Int(try sqlite(db, "SELECT count(*) FROM punches"))! - before
            #expect(added == 0 || added == units, "a killed purchase left \(added) of \(units) punches")
            outcomes.append(added)
        }
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        // Every punch that exists is counted on a card that respects N (the schema's trigger held).
        let over = try sqlite(db, """
            SELECT count(*) FROM cards c JOIN programs p ON p.id = c.program_id
            WHERE (SELECT count(*) FROM punches WHERE card_id = c.id AND removed_at IS NULL) > p.punches_required
            """)
        #expect(over == "0")
        print("killed purchases of \(units) units: \(outcomes.filter { $0 == 0 }.count) absent, "
              + "\(outcomes.filter { $0 == units }.count) complete")
    }

    @Test func twoCountersWritingAtOnceBothLand() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let before = Int(try sqlite(db, "SELECT count(*) FROM punches"))!
        let units = 600
        // Two counters, two customers and one shared customer: all at the same moment.
        let runs = try [("1", "007123000016"), ("5", "006311000210"), ("1", "008890000513")].map { customer, upc in
            try start(scratch, ["checkout", customer, "--upc", upc, "--qty", "\(units)", "--user", "cashier",
                                "--db", db], stdin: "cashier-demo\n")
        }
        for (process, errors) in runs {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
            #expect(!message.localizedCaseInsensitiveContains("locked"))
        }
        #expect(Int(try sqlite(db, "SELECT count(*) FROM punches"))! - before == 3 * units)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }
}
