import Foundation
import TerminalKit
import Testing
import TestSupport

@Suite struct SnapshotTests {
    func sampleScreen() -> ScreenBuffer {
        var buffer = ScreenBuffer(width: 24, height: 5)
        let inside = buffer.box(buffer.bounds, title: "Zoë 李🐶")
        buffer.draw("Rex the dog", in: inside, style: .selection)
        buffer.put("✔ imported", x: 1, y: 2, style: .imported)
        buffer.cursor = Point(x: 3, y: 3)
        return buffer
    }

    @Test func rowsThenStyleRunsThenCursor() {
        let text = Snapshot.render(sampleScreen())
        #expect(text == """
            ┌─ Zoë 李🐶 ───────────┐
            │Rex the dog           │
            │✔ imported            │
            │                      │
            └──────────────────────┘
            ── styles 24×5 ──
            r0 c0-1 border
            r0 c2-11 title
            r0 c12-23 border
            r1 c0-0 border
            r1 c1-22 selection
            r1 c23-23 border
            r2 c0-0 border
            r2 c1-10 imported
            r2 c23-23 border
            r3 c0-0 border
            r3 c23-23 border
            r4 c0-23 border
            cursor r3 c3

            """)
    }

    @Test func goldenFileMatches() {
        let check = GoldenFile.verify(sampleScreen(), named: "sample-box")
        #expect(check.passed, "\(check.message)")
    }

    @Test func mismatchExplainsWithALineDiffAndMissingGoldenFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fakeTest = dir.appendingPathComponent("FakeTests.swift").path
        let missing = GoldenFile.verify("a\nb\n", named: "x", filePath: fakeTest, record: false)
        #expect(!missing.passed)
        #expect(FileManager.default.fileExists(atPath: missing.path))
        #expect(missing.path.hasSuffix("__Snapshots__/FakeTests/x.txt"))
        #expect(GoldenFile.verify("a\nb\n", named: "x", filePath: fakeTest, record: false).passed)
        let changed = GoldenFile.verify("a\nc\n", named: "x", filePath: fakeTest, record: false)
        #expect(!changed.passed)
        #expect(changed.message.contains("-   2 │b"))
        #expect(changed.message.contains("+   2 │c"))
        let rerecorded = GoldenFile.verify("a\nc\n", named: "x", filePath: fakeTest, record: true)
        #expect(rerecorded.passed)
        #expect(try String(contentsOfFile: rerecorded.path, encoding: .utf8) == "a\nc\n")
    }

    @Test func diffShowsTrailingSpaces() {
        let diff = TextDiff.unified(expected: "x", actual: "x  ")
        #expect(diff.contains("+   1 │x··"))
    }
}
