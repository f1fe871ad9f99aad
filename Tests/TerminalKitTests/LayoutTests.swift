import Testing
import TerminalKit

@Suite struct LayoutTests {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func splitsAndInsets() {
        let (top, rest) = screen.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(rest == Rect(x: 0, y: 1, width: 80, height: 23))
        let (body, bottom) = rest.splitBottom(2)
        #expect(bottom == Rect(x: 0, y: 22, width: 80, height: 2))
        #expect(body.height == 21)
        let (left, right) = screen.splitLeft(30)
        #expect(left.width == 30 && right.x == 30 && right.width == 50)
        #expect(screen.splitRight(10).right == Rect(x: 70, y: 0, width: 10, height: 24))
        #expect(screen.inset(dx: 2, dy: 1) == Rect(x: 2, y: 1, width: 76, height: 22))
    }

    @Test func tooSmallRectsBecomeEmptyInsteadOfNegative() {
        let tiny = Rect(x: 0, y: 0, width: 3, height: 1)
        #expect(tiny.inset(dx: 2, dy: 1).isEmpty)
        #expect(tiny.splitTop(5).top.height == 1)
        #expect(tiny.splitTop(5).rest.height == 0)
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
    }

    @Test func centredRect() {
        #expect(screen.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(screen.centered(width: 100, height: 30) == screen)
    }

    @Test func rowsAndColumnsShareSpaceByFixedThenFlex() {
        let rows = screen.rows([.fixed(1), .fill, .fixed(1)])
        #expect(rows.map(\.height) == [1, 22, 1])
        #expect(rows.map(\.y) == [0, 1, 23])
        let columns = screen.columns([.fixed(10), .flex(1), .flex(2)], spacing: 1)
        #expect(columns.map(\.width) == [10, 23, 45])
        #expect(columns.map(\.x) == [0, 11, 35])
        #expect(LayoutLength.resolve([.fixed(50), .fixed(50), .fill], total: 80) == [50, 30, 0])
    }
}
