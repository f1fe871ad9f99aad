import ArgumentParser
import Foundation
import Logging
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty-bench`: generates (once) a synthetic store of a million customers and measures what a
/// cashier feels — lookup, keystroke to frame, opening checkout, Import History, cold start, memory —
/// against the targets of issue 8. See docs/PERFORMANCE.md.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "astro-loyalty-bench",
        abstract: "Generate a synthetic store and measure Astro Loyalty against its performance targets.",
        subcommands: [RunBench.self, ColdStartChild.self],
        defaultSubcommand: RunBench.self)

    /// Effects log nothing while measured (a log line per scan would be measured too).
    static var quietLogger: Logger {
        var logger = Logger(label: "astro-loyalty.bench")
        logger.logLevel = .critical
        return logger
    }

    /// The shipped default (item fees earn no points); the benchmark's sales have no fee lines either way.
    static let salePolicy = SalePointsPolicy(itemFeesEarnPoints: false)
}

struct RunBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Generate if needed, then measure.")

    @Option(help: "Customers in the synthetic store (punches: 10 per customer on average).")
    var customers = 1_000_000

    @Option(help: "Seed of the generator: the same seed and size always give the same store.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The store file (default: .bench-data/bench-<customers>-seed<seed>.sqlite). Reused when it exists.",
                               discussion: "Or postgresql://user@host:port/database: the SQLite store at its default path "
                                   + "is copied there when the database is empty (timed), and the figures run on PostgreSQL "
                                   + "(lookup, checkout, import; frames and cold start are SQLite-only)."))
    var db: String?

    @Option(help: "Measured repetitions of each figure.")
    var reps = 1000

    @Option(help: "Unmeasured warm-up repetitions before each figure.")
    var warmup = 100

    @Option(help: "Repetitions of the cold start (each spawns a process; default: --reps).")
    var coldReps: Int?

    @Option(help: "Only these figures, comma-separated: lookup, checkout, frames, import, cold.")
    var only: String?

    @Flag(inversion: .prefixedNo,
          help: "On PostgreSQL, read the store into the server's caches before measuring (pg_prewarm), as a server that has been answering counters holds it; --no-prewarm measures whatever is cached.")
    var prewarm = true

    @Flag(help: "Generate the store again even if the file exists.")
    var regenerate = false

    @Flag(help: "Print the figures as JSON instead of a table.")
    var json = false

    @Option(help: "Also write the figures as JSON to this file.")
    var jsonOut: String?

    func run() throws {
        let shape = StoreShape(customers: customers, seed: seed)
        var postgres: PostgresAddress?
        if let db, PostgresAddress.isPostgresURL(db) { postgres = try PostgresAddress(parsing: db) }
        let path = (postgres == nil ? db : nil) ?? ".bench-data/bench-\(customers)-seed\(seed).sqlite"
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let loadBefore = Machine.loadAverage()
        let generated = try StoreFile.ensure(path: path, shape: shape, regenerate: regenerate, log: log)

        let prepared = try postgres.map { try PostgresTarget.prepare($0, sqlitePath: path, shape: shape, log: log) }
        let store = try prepared?.store ?? LoyaltyStore(path: path)
        guard let user = try store.user(named: Generator.adminName) else { throw BenchError("no bench user in \(path)") }
        let ctx = BenchContext(store: store, path: path, shape: shape, user: user, reps: reps, warmup: warmup,
                               runner: EffectRunner(store: store, logger: Bench.quietLogger, policy: Bench.salePolicy), log: log,
                               postgres: postgres)
        var wanted = Set((only ?? "lookup,checkout,frames,import,cold").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
        var figures: [Figure] = [
            Figure(name: "generate the store", value: generated.seconds, unit: "s", target: Targets.generate,
                   note: "\(generated.report.customers) customers, \(generated.report.punches) punches, "
                       + "\(generated.report.cards) cards, \(generated.report.pointsEntries) points entries"),
        ]
        if let postgres {
            // The frames and the cold start open the store by file path (the child process, the loop's store).
            for skipped in ["frames", "cold"] where wanted.contains(skipped) {
                wanted.remove(skipped)
                log("\(skipped): not measured on PostgreSQL")
            }
            if let copy = prepared?.copy {
                figures.append(Figure(name: "move to PostgreSQL (copy and verify)", value: copy.seconds, unit: "s",
                                      note: String(format: "%d rows, %.0f rows/s", copy.rows, Double(copy.rows) / copy.seconds)
                                          + ", into \(postgres)"))
            }
            if let analyze = prepared?.analyze {
                figures.append(Figure(name: "  VACUUM ANALYZE after the copy", value: analyze, unit: "s"))
            }
        }

        var server: String?
        if let postgres {
            let baseline = try PostgresBaseline(address: postgres)
            var warmed: String?
            if prewarm {
                do { warmed = try baseline.prewarm() } catch {
                    log("could not warm the server (\(error)): the figures are those of whatever it has cached")
                }
            }
            server = "shared_buffers \(try baseline.sharedBuffers()); "
                + (warmed.map { "prewarmed: \($0)" } ?? "not prewarmed (pages cached only if earlier runs read them)")
            log("server: \(server!)")
        }

        var rng = SeededRandom(seed: seed ^ 0x5EED)
        let queries = try CashierQuery.make(count: 500, customers: customers, store: store, rng: &rng)
        if wanted.contains("lookup") {
            log("lookup: \(reps) queries through the lookup view-model and, in turn, the raw \(postgres == nil ? "sqlite3" : "postgres-nio") baseline…")
            let r = try LookupBench.run(ctx, queries: queries)
            let lookup = Figure(name: "lookup (view-model path)", samples: r.lookup, target: Targets.lookup)
            let baseline = Figure(name: postgres == nil ? "lookup baseline (raw sqlite3)" : "lookup baseline (raw postgres-nio)", samples: r.baseline,
                                  note: "same rows as the store for \(r.agreed)/\(r.compared) queries")
            figures.append(lookup)
            for kind in CashierQuery.Kind.allCases {
                if let samples = r.byKind[kind] { figures.append(Figure(name: "  lookup: \(kind.rawValue)", samples: samples)) }
            }
            figures.append(baseline)
            for kind in CashierQuery.Kind.allCases {
                if let samples = r.baselineByKind[kind] {
                    figures.append(Figure(name: "  baseline: \(kind.rawValue)", samples: samples))
                }
            }
            figures.append(Figure(name: "lookup p99 / baseline p99", value: lookup.p99 / baseline.p99, unit: "×",
                                  target: Targets.ratio,
                                  note: String(format: "p50 ratio %.2f×", lookup.p50 / baseline.p50)))
        }
        if wanted.contains("checkout") {
            log("open checkout: customers with 40 cards and 400 punches, rendered at 132×43…")
            figures.append(Figure(name: "open checkout (40 cards, 400 punches)", samples: try CheckoutBench.run(ctx),
                                  target: Targets.openCheckout))
        }
        let programs = try store.programs()
        let upcs = programs.flatMap { p in p.items.map { (upc: $0.upc, program: p.program.id, description: $0.description) } }
        if wanted.contains("frames") {
            log("keystroke to frame: the event loop on the in-memory terminal, lookup then checkout scans…")
            var pick = SeededRandom(seed: Clock.nanoseconds())
            var emails: [String] = []
            while emails.count < (reps + warmup) / 50 + 2 {
                let ids = (0..<50).map { _ in Int64(shape.heavyCustomers + 1 + pick.int(max(1, customers - shape.heavyCustomers))) }
                emails += try store.customerSummaries(ids: ids).compactMap(\.email)
            }
            let r = try FrameBench.run(ctx, queries: queries, scanCustomers: emails,
                                       upcs: upcs.map { String($0.upc.gtin14.dropFirst(2)) })
            figures.append(Figure(name: "keystroke to frame: lookup (results shown)", samples: r.lookupResults,
                                  target: Targets.keystroke))
            figures.append(Figure(name: "  lookup: key echoed (first frame)", samples: r.lookupEcho))
            figures.append(Figure(name: "keystroke to frame: scan Enter (punch shown)", samples: r.scanEnter,
                                  target: Targets.keystroke,
                                  note: "records the purchase (one write transaction) and reloads the customer"))
            figures.append(Figure(name: "  scan: one digit typed", samples: r.scanDigit, target: Targets.keystroke))
        }
        if wanted.contains("import") {
            log("import: decode 20 pages, match 2,000 lines, commit 500 punches…")
            let r = try ImportBench.run(ctx, upcs: upcs)
            figures.append(Figure(name: "import: decode 20 pages of 100 sales", samples: r.decode, target: Targets.decode,
                                  note: "\(r.lines) sale lines"))
            figures.append(Figure(name: "import: match 2,000 lines / 1,000 punches", samples: r.match, target: Targets.match))
            figures.append(Figure(name: "import: commit 500 punches", samples: r.commit, target: Targets.commit))
        }
        if wanted.contains("fetch") {
            log("import: a whole fetch of 20 pages over loopback through the client…")
            let r = try FetchBench.run(reps: reps, warmup: warmup, upcs: upcs, seed: seed)
            figures.append(Figure(name: "import: whole Import History fetch", samples: r.fetch,
                                  note: "\(r.pages) pages, \(r.sales) sales, simulator over loopback"))
        }
        if wanted.contains("cold") {
            log("cold start: spawning the benchmark's counter child \(coldReps ?? reps) times…")
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let cold = try ColdStart.measureSpawns(executable: executable, path: path, customers: customers,
                                                   reps: coldReps ?? reps, warmup: min(warmup, 10))
            figures.append(Figure(name: "cold start to first frame", samples: cold.ms, target: Targets.coldStart,
                                  note: "process spawn → store open → first frame (in-memory terminal)"))
            let session = try ColdStart.measureSpawns(executable: executable, path: path, customers: customers,
                                                      reps: 1, warmup: 0, session: true)
            let peak = Double(session.reports.first?.sessionPeakKB ?? 0) / 1024
            figures.append(Figure(name: "peak memory, store open (VmHWM)", value: peak, unit: "MB",
                                  target: Targets.memory,
                                  note: String(format: "first frame %.1f MB; then 250 lookups and the heaviest checkout",
                                               Double(cold.reports.map(\.peakKB).max() ?? 0) / 1024)))
        }
        let report = Report(machine: Machine(loadBefore: loadBefore, loadAfter: Machine.loadAverage()),
                            store: StoreSummary(path: postgres?.description ?? path,
                                                megabytes: try postgres.map { try PostgresBaseline(address: $0).databaseMegabytes() }
                                                    ?? StoreFile.megabytes(path),
                                                generated: generated, server: server),
                            reps: reps, warmup: warmup, figures: figures)
        print(json ? report.json() : report.table())
        if let jsonOut { try Data(report.json().utf8).write(to: URL(fileURLWithPath: jsonOut)) }
    }
}

/// The hidden child of the cold-start figure (see `ColdStart`).
struct ColdStartChild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cold-start-child", shouldDisplay: false)

    @Option var db: String
    @Option var customers = 1_000_000
    @Flag var session = false

    func run() throws {
        let report = try ColdStart.child(path: db, session: session, customers: customers)
        print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    }
}

/// Issue 8's targets.
enum Targets {
    static let lookup = Target(limit: 5, unit: "ms", text: "p99 ≤ 5 ms")
    static let ratio = Target(limit: 2, unit: "×", text: "≤ 2× raw SQL")
    static let keystroke = Target(limit: 8, unit: "ms", text: "p99 ≤ 8 ms")
    static let openCheckout = Target(limit: 10, unit: "ms", text: "p99 ≤ 10 ms")
    static let match = Target(limit: 10, unit: "ms", text: "≤ 10 ms")
    static let decode = Target(limit: 50, unit: "ms", text: "≤ 50 ms")
    static let commit = Target(limit: 50, unit: "ms", text: "≤ 50 ms")
    static let coldStart = Target(limit: 150, unit: "ms", text: "≤ 150 ms")
    static let memory = Target(limit: 100, unit: "MB", text: "≤ 100 MB")
    static let generate = Target(limit: 120, unit: "s", text: "≤ 2 min")
}
