import Foundation
import Testing
import TerminalKit

/// A tiny app: "+" counts, "q" or Ctrl-C quits, messages are shown, ticks are counted.
struct CounterApp: TerminalApp, Sendable {
    var count = 0
    var lastMessage = ""
    var ticks = 0
    var quitAfterTicks: Int?
    var sizes: [Size] = []

    mutating func update(_ input: AppInput<String>) -> UpdateResult {
        switch input {
        case .key(.char("+")):
            count += 1
            return .changed
        case .key(.char("q")), .key(.ctrl("c")):
            return .quit
        case .key:
            return .unchanged
        case .resize(let size):
            sizes.append(size)
            return .unchanged
        case .message("quit"):
            return .quit
        case .message(let text):
            lastMessage = text
            return .changed
        case .tick:
            ticks += 1
            if let limit = quitAfterTicks, ticks >= limit { return .quit }
            return .unchanged
        }
    }

    func render(into buffer: inout ScreenBuffer) {
        buffer.draw("Count: \(count)", in: buffer.bounds.splitTop(1).top, style: .title)
        buffer.put("Message: \(lastMessage)", x: 0, y: 1)
    }
}

/// Runs a loop on its own thread, as the real program does, and hands back the final app.
final class LoopThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: CounterApp?

    init(app: CounterApp, backend: MemoryBackend, inbox: Inbox<String>, options: LoopOptions) {
        Thread.detachNewThread { [self] in
            let loop = EventLoop(app: app, backend: backend, options: options, inbox: inbox)
            result = try? loop.run()
            done.signal()
        }
    }

    func wait(seconds: Double = 5) -> CounterApp? {
        done.wait(timeout: .now() + seconds) == .success ? result : nil
    }
}

@Suite struct EventLoopTests {
    let big = Size(width: 100, height: 30)

    @Test func keysInFramesOutAndOnlyChangesRedraw() throws {
        let backend = MemoryBackend(size: big)
        backend.type("+x+q")
        let loop = EventLoop(app: CounterApp(), backend: backend, options: LoopOptions(maxEventsPerFrame: 1))
        let final = try loop.run()
        #expect(final.count == 2)
        #expect(backend.frames.map { $0.lines[0] } == ["Count: 0", "Count: 1", "Count: 2"],
                "the key that changed nothing drew nothing")
        #expect(loop.framesDrawn == 3)
        #expect(backend.didBegin && backend.didEnd)
        #expect(backend.lastFrame?[0, 0].style == .title)
    }

    @Test func queuedKeysCostOneFrame() throws {
        let backend = MemoryBackend(size: big)
        backend.type(String(repeating: "+", count: 50))
        backend.send(.char("q"))
        let loop = EventLoop(app: CounterApp(), backend: backend)
        #expect(try loop.run().count == 50)
        #expect(backend.frames.count <= 2)
    }

    @Test func aMessageFromAnotherThreadWakesTheLoop() throws {
        let backend = MemoryBackend(size: big)
        let inbox = Inbox<String>()
        // A long poll interval: only the waker can make the message show up quickly.
        let thread = LoopThread(app: CounterApp(), backend: backend, inbox: inbox,
                                options: LoopOptions(pollInterval: .seconds(30)))
        #expect(backend.waitForFrame { $0.lines[0] == "Count: 0" } != nil)
        let posted = Date()
        DispatchQueue.global().async { inbox.post("sale 42 arrived") }
        let frame = backend.waitForFrame(timeout: .seconds(5)) { $0.lines[1] == "Message: sale 42 arrived" }
        #expect(frame != nil)
        #expect(Date().timeIntervalSince(posted) < 2)
        inbox.post("quit")
        let final = try #require(thread.wait())
        #expect(final.lastMessage == "sale 42 arrived")
        #expect(backend.didEnd)
    }

    @Test func tooSmallShowsTheEnlargeNoticeAndRecovers() throws {
        let backend = MemoryBackend(size: big)
        let inbox = Inbox<String>()
        let thread = LoopThread(app: CounterApp(), backend: backend, inbox: inbox,
                                options: LoopOptions(pollInterval: .milliseconds(5)))
        #expect(backend.waitForFrame { $0.lines[0] == "Count: 0" } != nil)
        backend.resize(to: Size(width: 60, height: 20))
        let notice = backend.waitForFrame { $0.size == Size(width: 60, height: 20) }
        let text = try #require(notice).lines.joined(separator: "\n")
        #expect(text.contains("Please enlarge the terminal to at least 80×24."))
        #expect(text.contains("Now 60×20."))
        backend.type("+")
        backend.resize(to: big)
        let back = backend.waitForFrame { $0.size == Size(width: 100, height: 30) && $0.lines[0].hasPrefix("Count") }
        #expect(back?.lines[0] == "Count: 0", "keys typed while too small are ignored")
        backend.type("+")
        #expect(backend.waitForFrame { $0.lines[0] == "Count: 1" } != nil)
        backend.resize(to: Size(width: 20, height: 5))
        _ = backend.waitForFrame { $0.size == Size(width: 20, height: 5) }
        backend.send(.ctrl("c"))
        let final = try #require(thread.wait())
        #expect(final.sizes == [Size(width: 60, height: 20), big, Size(width: 20, height: 5)])
    }

    @Test func ticksArriveOnSchedule() throws {
        let backend = MemoryBackend(size: big)
        var app = CounterApp()
        app.quitAfterTicks = 3
        let started = Date()
        let final = try EventLoop(app: app, backend: backend,
                                  options: LoopOptions(pollInterval: .seconds(1), tickInterval: .milliseconds(10))).run()
        #expect(final.ticks == 3)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func repeatedResizesNeverCrash() throws {
        let backend = MemoryBackend(size: big)
        for i in 0..<200 {
            backend.resize(to: Size(width: (i * 37) % 140, height: (i * 13) % 50))
        }
        backend.send(.ctrl("c"))
        let loop = EventLoop(app: CounterApp(), backend: backend)
        _ = try loop.run()
        #expect(backend.didEnd)
    }
}
