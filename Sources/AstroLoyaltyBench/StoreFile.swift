import Foundation
import LoyaltyStore

/// The generated store on disk: reused when its marker file says it was completely generated with the same
/// shape, generated again otherwise.
enum StoreFile {
    static func markerPath(_ path: String) -> String { path + ".generated.json" }

    static func ensure(path: String, shape: StoreShape, regenerate: Bool,
                       log: @escaping @Sendable (String) -> Void) throws -> GeneratedStore {
        let manager = FileManager.default
        if !regenerate, let data = manager.contents(atPath: markerPath(path)),
           let marker = try? JSONDecoder().decode(GeneratedStore.self, from: data), marker.shape == shape,
           manager.fileExists(atPath: path) {
            log("reusing \(path) (generated in \(String(format: "%.1f", marker.seconds)) s)")
            return marker
        }
        for file in [path, path + "-wal", path + "-shm", markerPath(path)] where manager.fileExists(atPath: file) {
            try manager.removeItem(atPath: file)
        }
        log("generating \(path): \(shape.customers) customers, \(shape.programs) programs × \(shape.upcsPerProgram) UPCs, "
            + "~\(shape.customers * shape.punchesPerCustomer) punches (seed \(shape.seed))…")
        let start = Clock.nanoseconds()
        let report: BulkLoadReport
        do {
            let store = try LoyaltyStore(path: path)
            report = try Generator(shape: shape).generate(into: store, progress: log)
        }
        let seconds = Double(Clock.nanoseconds() - start) / 1e9
        let marker = GeneratedStore(shape: shape, report: report, seconds: seconds)
        try JSONEncoder().encode(marker).write(to: URL(fileURLWithPath: markerPath(path)))
        log("generated in \(String(format: "%.1f", seconds)) s: \(report.punches) punches, \(report.cards) cards")
        return marker
    }

    static func megabytes(_ path: String) -> Double {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
        return size / 1_048_576
    }
}
