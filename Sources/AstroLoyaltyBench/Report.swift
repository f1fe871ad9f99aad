import Foundation

/// The machine the figures were taken on: cores and how busy it was (other builds share it).
struct Machine: Codable {
    var cores = ProcessInfo.processInfo.activeProcessorCount
    var memoryGB = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    var loadBefore: String
    var loadAfter: String
    var date = ISO8601DateFormatter().string(from: Date())

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

struct StoreSummary: Codable {
    var path: String
    var megabytes: Double
    var generated: GeneratedStore
    /// On PostgreSQL: the server's `shared_buffers` and whether its cache was warmed before measuring.
    var server: String? = nil
}

/// Every figure of one run, as a table for people or JSON for machines.
struct Report: Codable {
    var machine: Machine
    var store: StoreSummary
    var reps: Int
    var warmup: Int
    var figures: [Figure]

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                     nan: "nan")
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    func table() -> String {
        func number(_ v: Double) -> String {
            v.isNaN ? "–" : v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v)
        }
        func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
            let n = s.count
            guard n < width else { return s }
            let fill = String(repeating: " ", count: width - n)
            return right ? fill + s : s + fill
        }
        var lines: [String] = []
        let g = store.generated
        lines.append("Astro Loyalty benchmark — \(machine.date)")
        lines.append("machine: \(machine.cores) cores, \(String(format: "%.0f", machine.memoryGB)) GB; load average "
            + "\(machine.loadBefore) before, \(machine.loadAfter) after")
        lines.append("store: \(store.path) (\(String(format: "%.0f", store.megabytes)) MB): \(g.report.customers) customers, "
            + "\(g.report.programs) programs, \(g.report.programItems) UPCs, \(g.report.cards) cards, "
            + "\(g.report.punches) punches, \(g.report.pointsEntries) points entries (seed \(g.shape.seed))")
        if let server = store.server { lines.append("server: \(server)") }
        lines.append("repetitions: \(reps) measured after \(warmup) warm-up, per figure")
        lines.append("")
        let nameWidth = max(44, (figures.map(\.name.count).max() ?? 0) + 1)
        lines.append(pad("figure", nameWidth) + pad("p50", 9, right: true) + pad("p95", 9, right: true)
            + pad("p99", 9, right: true) + pad("n", 6, right: true) + "  unit  target")
        lines.append(String(repeating: "-", count: nameWidth + 33 + 20))
        for f in figures {
            let verdict = f.met.map { $0 ? "✓" : "✗" } ?? " "
            let cells = f.isSingle
                ? pad("", 18) + pad(number(f.value), 9, right: true)
                : pad(number(f.p50), 9, right: true) + pad(number(f.p95), 9, right: true) + pad(number(f.p99), 9, right: true)
            var line = pad(f.name, nameWidth) + cells + pad(String(f.count), 6, right: true) + "  " + pad(f.unit, 4)
            if let target = f.target { line += "  " + verdict + " " + target.text }
            lines.append(line)
            if let note = f.note { lines.append(pad("", nameWidth) + "  (\(note))") }
        }
        return lines.joined(separator: "\n")
    }
}
