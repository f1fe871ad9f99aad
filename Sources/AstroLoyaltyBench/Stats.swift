import Foundation

/// A monotonic clock in nanoseconds, shared by every process on the machine (the cold-start child reports
/// its first frame on it, the parent subtracts the moment it spawned the child).
enum Clock {
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Runs `body` and returns how long it took, in milliseconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = nanoseconds()
        try body()
        return Double(nanoseconds() - start) / 1e6
    }
}

/// A target from issue 8's table: a figure passes when its p99 (or single value) is at most `limit`.
struct Target: Codable, Sendable {
    var limit: Double
    var unit: String
    var text: String
}

/// One measured figure: its samples summarized, and the target it is held to.
struct Figure: Codable, Sendable {
    var name: String
    var unit: String
    var count: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double
    /// What the target is checked against (p99 for timings, the value itself for single figures).
    var value: Double
    var target: Target?
    var met: Bool?
    var note: String?

    init(name: String, samples: [Double], unit: String = "ms", target: Target? = nil, note: String? = nil) {
        let sorted = samples.sorted()
        func pct(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            // Nearest rank: the smallest sample with at least p% of the samples at or below it.
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
        }
        self.name = name
        self.unit = unit
        count = sorted.count
        p50 = pct(50)
        p95 = pct(95)
        p99 = pct(99)
        max = sorted.last ?? .nan
        value = p99
        self.target = target
        met = target.map { p99 <= $0.limit }
        self.note = note
    }

    /// A single value (peak memory, generation time, a ratio).
    init(name: String, value: Double, unit: String, target: Target? = nil, note: String? = nil) {
        self.name = name
        self.unit = unit
        count = 1
        p50 = value
        p95 = value
        p99 = value
        max = value
        self.value = value
        self.target = target
        met = target.map { value <= $0.limit }
        self.note = note
    }

    var isSingle: Bool { count == 1 && p50 == p99 && p99 == max }
}

/// Runs `body` `warmup` times unmeasured, then `reps` times measured; `body` gets the repetition index
/// (warm-up runs included, so inputs rotate the same way) and returns the milliseconds it measured itself,
/// or nil to have the whole call timed.
func measure(reps: Int, warmup: Int, _ body: (Int) throws -> Double?) rethrows -> [Double] {
    for i in 0..<warmup { _ = try body(i) }
    var samples: [Double] = []
    samples.reserveCapacity(reps)
    for i in 0..<reps {
        let start = Clock.nanoseconds()
        let own = try body(warmup + i)
        samples.append(own ?? Double(Clock.nanoseconds() - start) / 1e6)
    }
    return samples
}

/// Reads a field of /proc/self/status in kB (VmHWM: peak resident set; VmRSS: current).
func procStatusKB(_ field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.dropFirst(field.count + 1).split(whereSeparator: \.isWhitespace).first ?? "")
    }
    return nil
}
