import Foundation
import Testing

/// The benchmark works end to end on a small store: it generates 10,000 customers, measures every figure
/// and prints them as JSON. A smoke test, not a timing gate: the figures are checked for presence and
/// sanity, never against the targets (this machine is shared and the build is a debug build).
@Suite(.serialized)
struct BenchSmokeTests {
    static var benchPath: String {
        if let env = ProcessInfo.processInfo.environment["ASTRO_LOYALTY_BENCH_BIN"], !env.isEmpty { return env }
        return URL(fileURLWithPath: Binary.path).deletingLastPathComponent()
            .appendingPathComponent("astro-loyalty-bench").path
    }

    static let expectedFigures = [
        "generate the store", "lookup (view-model path)", "lookup baseline (raw sqlite3)", "lookup p99 / baseline p99",
        "open checkout (40 cards, 400 punches)", "keystroke to frame: lookup (results shown)",
        "keystroke to frame: scan Enter (punch shown)", "import: decode 20 pages of 100 sales",
        "import: match 2,000 lines / 1,000 punches", "import: commit 500 punches", "cold start to first frame",
        "peak memory, store open (VmHWM)",
    ]

    @Test("the benchmark generates 10,000 customers and reports every figure as JSON")
    func benchmarkRunsAtTenThousand() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.benchPath),
                     "build it first: swift build --product astro-loyalty-bench")
        let scratch = try Scratch()
        let db = scratch.path("bench.sqlite")
        // Few repetitions: this checks that every figure is produced, not how fast (a debug build).
        let arguments = ["--customers", "10000", "--reps", "5", "--warmup", "1", "--cold-reps", "2",
                         "--db", db, "--json"]
        let first = try run(arguments, in: scratch)
        try #require(first.status == 0, "the benchmark failed:\n\(first.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let figures = try #require(report["figures"] as? [[String: Any]])
        let byName = Dictionary(figures.compactMap { f in (f["name"] as? String).map { ($0, f) } },
                                uniquingKeysWith: { a, _ in a })
        for name in Self.expectedFigures {
            let figure = try #require(byName[name], "missing figure \(name)")
            let p99 = try #require(figure["p99"] as? Double, "\(name) has no p99")
            #expect(p99 > 0 && p99.isFinite, "\(name): p99 \(p99)")
            if name != "lookup baseline (raw sqlite3)" {
                #expect(figure["met"] is Bool, "\(name) is not held to its target")
            }
        }
        #expect(byName["lookup (view-model path)"]?["count"] as? Int == 5)
        let generated = try #require((report["store"] as? [String: Any])?["generated"] as? [String: Any])
        let counts = try #require(generated["report"] as? [String: Any])
        #expect(counts["customers"] as? Int == 10_000)
        #expect((counts["punches"] as? Int ?? 0) > 50_000)
        #expect(first.stderr.contains("generating"))
        // The baseline returns exactly the store's rows.
        let note = byName["lookup baseline (raw sqlite3)"]?["note"] as? String ?? ""
        let agreement = note.split(separator: " ").first { $0.contains("/") }?.split(separator: "/").compactMap { Int($0) }
        #expect(agreement?.count == 2 && agreement?.first == agreement?.last && (agreement?.first ?? 0) > 0, "\(note)")

        // The store is reused on the next run, and the table form prints a verdict per target.
        let second = try run(["--customers", "10000", "--reps", "3", "--warmup", "1", "--db", db, "--only", "lookup"],
                             in: scratch)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("reusing"))
        #expect(second.stdout.contains("lookup (view-model path)") && second.stdout.contains("p99 ≤ 5 ms"))
    }

    private func run(_ arguments: [String], in scratch: Scratch,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try runChild(Self.benchPath, arguments, directory: scratch.url, timeout: 240)
        if result.timedOut {
            Issue.record("the bench \(arguments) overran 240 s and was killed", sourceLocation: sourceLocation)
        }
        return result
    }
}
