import Foundation
import Testing
import TerminalKit

/// Keys typed behind the enlarge notice (issue 14 #8): the app gets them through `hiddenKey`, never through
/// `update`, and the notice shows the app's note about what it kept.
@Suite("Event loop: keys behind the enlarge notice")
struct HiddenKeyTests {
    struct KeepingApp: TerminalApp {
        var kept = ""
        var updates = 0
        mutating func update(_ input: AppInput<String>) -> UpdateResult {
            guard case .key(let key) = input else { return .unchanged }
            updates += 1
            return key == .ctrl("c") ? .quit : .unchanged
        }
        mutating func hiddenKey(_ key: Key) -> UpdateResult {
            guard case .char(let c) = key else { return .unchanged }
            kept.append(c)
            return .changed
        }
        var enlargeNote: String? { kept.isEmpty ? nil : "kept \(kept)" }
        func render(into buffer: inout ScreenBuffer) { buffer.put("App", x: 0, y: 0) }
    }

    @Test func keysBehindTheNoticeGoToHiddenKeyAndItsNoteIsShown() throws {
        let backend = MemoryBackend(size: Size(width: 60, height: 20))
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var final: KeepingApp?
        Thread.detachNewThread {
            final = try? EventLoop(app: KeepingApp(), backend: backend, options: LoopOptions(pollInterval: .milliseconds(5))).run()
            done.signal()
        }
        #expect(backend.waitForFrame { $0.lines.joined().contains("Please enlarge") } != nil)
        backend.type("42")
        let noted = backend.waitForFrame { $0.lines.joined().contains("kept 42") }
        #expect(noted != nil, "the notice did not show the app's note")
        backend.send(.ctrl("c"))
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(final?.kept == "42")
        #expect(final?.updates == 1, "only Ctrl-C reached update")
    }
}
