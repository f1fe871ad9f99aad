import Foundation
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing

/// The sales watcher's words on the counter's status bar (top row), problem or not.
@Suite struct WatcherStatusBarTests {
    @Test func theStatusBarSaysWhereTheWatcherIsAndAProblemStandsOut() throws {
        var driver = Driver(size: Size(width: 100, height: 30))
        driver.signIn()
        let before = driver.render()
        #expect(!(0..<before.size.height).contains { before.text(ofRow: $0).contains("Lightspeed:") })
        driver.send(.lightspeed(.watcher(line: "Lightspeed: up to date 14:02", isProblem: false)))
        var buffer = driver.render()
        let row = try #require((0..<buffer.size.height).first { buffer.text(ofRow: $0).contains("Lightspeed: up to date 14:02") })
        let column = try #require(Self.column(of: "Lightspeed:", in: buffer.text(ofRow: row)))
        let calm = buffer.row(row)[buffer.row(row).startIndex + column].style
        driver.send(.lightspeed(.watcher(line: "Lightspeed: reconnect needed (Enable Lightspeed)", isProblem: true)))
        buffer = driver.render()
        let problemRow = try #require((0..<buffer.size.height).first {
            buffer.text(ofRow: $0).contains("Lightspeed: reconnect needed (Enable Lightspeed)")
        })
        let at = try #require(Self.column(of: "Lightspeed:", in: buffer.text(ofRow: problemRow)))
        #expect(buffer.row(problemRow)[buffer.row(problemRow).startIndex + at].style == .error)
        #expect(calm != .error)
    }

    static func column(of needle: String, in text: String) -> Int? {
        text.range(of: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
    }
}
