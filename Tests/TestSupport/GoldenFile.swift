import Foundation
import TerminalKit

/// Compares a snapshot with its golden file next to the test, so screen tests stay one line:
///
/// ```swift
/// let check = GoldenFile.verify(Snapshot.render(buffer), named: "lookup-80x24")
/// #expect(check.passed, "\(check.message)")
/// ```
///
/// Goldens live in `__Snapshots__/<test file name>/<name>.txt` beside the test file (found from `#filePath`).
/// With `SNAPSHOT_RECORD=1` in the environment the golden is (re)written and the check passes; a missing
/// golden is written too but fails, so a forgotten golden never passes silently in CI.
public enum GoldenFile {
    public struct Result: Sendable, CustomStringConvertible {
        public var passed: Bool
        /// Why it failed, with a readable diff (expected `-`, actual `+`), or what was recorded.
        public var message: String
        public var path: String
        public var description: String { message }
    }

    /// The environment variable that re-records goldens.
    public static let recordVariable = "SNAPSHOT_RECORD"

    public static func verify(_ actual: String, named name: String, filePath: String = #filePath,
                              record: Bool? = nil) -> Result {
        let path = goldenPath(named: name, filePath: filePath)
        let recording = record ?? isRecording
        let existing = try? String(contentsOfFile: path, encoding: .utf8)
        if recording || existing == nil {
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                return Result(passed: false, message: "Could not write golden \(path): \(error)", path: path)
            }
            if recording { return Result(passed: true, message: "Recorded \(path)", path: path) }
            return Result(passed: false, message: """
                No golden for "\(name)"; recorded it at \(path).
                Review it, then run again (or set \(recordVariable)=1 to record on purpose).
                \(actual)
                """, path: path)
        }
        let expected = existing ?? ""
        if expected == actual { return Result(passed: true, message: "Matches \(path)", path: path) }
        return Result(passed: false, message: """
            Snapshot "\(name)" differs from \(path) (- golden, + actual; \(recordVariable)=1 re-records):
            \(TextDiff.unified(expected: expected, actual: actual))
            """, path: path)
    }

    public static var isRecording: Bool {
        let value = ProcessInfo.processInfo.environment[recordVariable] ?? ""
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    public static func goldenPath(named name: String, filePath: String) -> String {
        let testFile = URL(fileURLWithPath: filePath)
        let folder = testFile.deletingPathExtension().lastPathComponent
        return testFile.deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
            .appendingPathComponent(folder)
            .appendingPathComponent(name + ".txt").path
    }
}

extension GoldenFile {
    /// Snapshots a buffer (`Snapshot.render`) and compares it with its golden file.
    public static func verify(_ buffer: ScreenBuffer, named name: String, filePath: String = #filePath,
                              record: Bool? = nil) -> Result {
        verify(Snapshot.render(buffer), named: name, filePath: filePath, record: record)
    }
}
