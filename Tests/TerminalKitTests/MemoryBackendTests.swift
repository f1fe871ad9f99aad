import Foundation
import Testing
import TerminalKit

@Suite struct MemoryBackendTests {
    @Test func eventsComeOutInOrderAndResizeChangesTheSize() {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        backend.send(.up, .enter)
        backend.resize(to: Size(width: 100, height: 30))
        #expect(backend.readEvent(timeout: .zero) == .key(.up))
        #expect(backend.readEvent(timeout: .zero) == .key(.enter))
        #expect(backend.readEvent(timeout: .zero) == .resize(Size(width: 100, height: 30)))
        #expect(backend.size == Size(width: 100, height: 30))
        #expect(backend.readEvent(timeout: .milliseconds(1)) == nil)
    }

    @Test func framesAndDiffsAreKept() {
        let backend = MemoryBackend(size: Size(width: 10, height: 2))
        var frame = ScreenBuffer(width: 10, height: 2)
        backend.draw(frame)
        frame.put("hi", x: 0, y: 1)
        backend.draw(frame)
        #expect(backend.frames.count == 2)
        #expect(backend.lastFrame?.lines == ["", "hi"])
        #expect(backend.lastDrawDiff?.changedCellCount == 2)
    }

    @Test func wakerEndsAWaitingRead() {
        let backend = MemoryBackend()
        let waker = backend.waker
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { waker?() }
        #expect(backend.readEvent(timeout: .seconds(5)) == nil)
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
