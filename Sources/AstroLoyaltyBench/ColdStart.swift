import Foundation
import Logging
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit

/// Cold start, measured from outside: the benchmark spawns itself (`cold-start-child`), and the child does
/// what `astro-loyalty` does up to its first frame — open the store on the file (the schema check included),
/// build the shell, start the effect runner and the event loop — drawing into the in-memory terminal instead
/// of ncurses. The child prints the monotonic time of its first frame; the parent subtracts the moment just
/// before it spawned the child, so the figure includes exec, loading the binary and the Swift runtime.
///
/// With `session`, the child then works like a counter for a moment (50 lookups, opening the heaviest
/// checkout and rendering it) and reports its peak resident memory (VmHWM) with the store open.
enum ColdStart {
    struct ChildReport: Codable {
        var firstFrameNs: UInt64
        var peakKB: Int
        var sessionPeakKB: Int?
    }

    static func child(path: String, session: Bool, customers: Int) throws -> ChildReport {
        let store = try LoyaltyStore(path: path)
        let inbox = Inbox<AppMsg>()
        let runner = EffectRunner(store: store, logger: Bench.quietLogger, policy: Bench.salePolicy, post: { inbox.post($0) })
        let feature = AppFeature(idleLockMinutes: 0)
        var app = CounterApp(state: AppState(screenSize: Size(width: 132, height: 43)), feature: feature) { effects in
            runner.perform(effects)
        }
        app.start()
        let backend = FirstFrameBackend(size: Size(width: 132, height: 43))
        let loop = EventLoop(app: app, backend: backend, inbox: inbox)
        try loop.run()
        var report = ChildReport(firstFrameNs: backend.firstFrameAt, peakKB: procStatusKB("VmHWM") ?? 0)
        if session {
            var rng = SeededRandom(seed: 7)
            for _ in 0..<50 {
                let ids = (0..<5).map { _ in Int64(1 + rng.int(customers)) }
                for c in try store.customerSummaries(ids: ids) {
                    _ = try store.searchCustomers(String(c.lastName.lowercased().prefix(3)))
                }
            }
            var state = AppState(screenSize: Size(width: 132, height: 43))
            state.session = Session(user: User(username: Generator.adminName, displayName: "Benchmark", role: .admin))
            let effects = feature.openCustomer(1, &state)
            for effect in effects { if let msg = runner.run(effect) { _ = feature.update(&state, msg) } }
            var buffer = ScreenBuffer(size: Size(width: 132, height: 43))
            AppScreen.render(state, into: &buffer)
            report.sessionPeakKB = procStatusKB("VmHWM")
        }
        return report
    }

    /// Spawns `reps` children (after `warmup` unmeasured ones) and returns the milliseconds from spawn to
    /// first frame, with each child's peak memory at that point.
    static func measureSpawns(executable: String, path: String, customers: Int, reps: Int, warmup: Int,
                              session: Bool = false) throws -> (ms: [Double], reports: [ChildReport]) {
        var reports: [ChildReport] = []
        let samples = try measure(reps: reps, warmup: warmup) { i -> Double? in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["cold-start-child", "--db", path, "--customers", String(customers)]
                + (session ? ["--session"] : [])
            let output = Pipe()
            process.standardOutput = output
            let start = Clock.nanoseconds()
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let report = try? JSONDecoder().decode(ChildReport.self, from: data) else {
                throw BenchError("cold-start child failed (\(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
            }
            if i >= warmup { reports.append(report) }
            return Double(report.firstFrameNs - start) / 1e6
        }
        return (samples, reports)
    }
}

/// An in-memory terminal that notes when the first frame arrives and then quits the app: Ctrl-Q asks, and a
/// second Ctrl-Q quits (nobody is signed in, so no manager's PIN is asked).
final class FirstFrameBackend: TerminalBackend {
    private let memory: MemoryBackend
    private(set) var firstFrameAt: UInt64 = 0

    init(size: Size) { memory = MemoryBackend(size: size, keepAllFrames: false) }

    var size: Size { memory.size }
    func begin() throws { try memory.begin() }
    func end() { memory.end() }
    func readEvent(timeout: Duration) -> InputEvent? { memory.readEvent(timeout: timeout) }
    func draw(_ buffer: ScreenBuffer) {
        memory.draw(buffer)
        if firstFrameAt == 0 {
            firstFrameAt = Clock.nanoseconds()
            memory.send(.ctrl("q"))
            memory.send(.ctrl("q"))
        }
    }
    var waker: (@Sendable () -> Void)? { memory.waker }
}
