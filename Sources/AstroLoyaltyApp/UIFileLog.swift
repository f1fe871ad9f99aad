import Foundation
import Logging

/// swift-log handler that appends lines to a file: while the counter screen runs, nothing may be written to
/// the terminal (a log line would tear the screen), so every logger of the process writes here.
struct UIFileLogHandler: LogHandler {
    /// One open file shared by every logger, written under a lock so lines never interleave.
    final class Sink: @unchecked Sendable {
        private let handle: FileHandle
        private let lock = NSLock()

        init?(path: String) {
            let url = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
            handle.seekToEndOfFile()
            self.handle = handle
        }

        func write(_ line: String) {
            lock.withLock { handle.write(Data((line + "\n").utf8)) }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: " ")
        sink.write("\(stamp) \(event.level) \(label):\(meta) \(event.message)")
    }
}

/// Sends every logger of the process to `path` (once per process: swift-log allows one bootstrap).
enum UILog {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrap(path: String, level: String) -> Logger {
        let logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        guard let sink = UIFileLogHandler.Sink(path: path) else {
            // No writable log file: stay silent rather than write over the screen.
            return Logger(label: "astro-loyalty.ui", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        lock.withLock {
            if !bootstrapped {
                bootstrapped = true
                LoggingSystem.bootstrap { UIFileLogHandler(label: $0, sink: sink, logLevel: logLevel) }
            }
        }
        return Logger(label: "astro-loyalty.ui", factory: { UIFileLogHandler(label: $0, sink: sink, logLevel: logLevel) })
    }
}
