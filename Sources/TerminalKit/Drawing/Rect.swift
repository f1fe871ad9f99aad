/// A rectangle of cells. Widgets draw into a rect, never outside it, so screens compose by splitting rects.
///
/// Every operation clamps instead of trapping: a 20×5 terminal or a negative inset gives empty rects,
/// never a crash.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point = Point(x: 0, y: 0), size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var minX: Int { x }
    public var minY: Int { y }
    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var size: Size { Size(width: width, height: height) }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    public var description: String { "(\(x),\(y) \(width)×\(height))" }
}

extension Rect {
    /// Shrinks every side; a rect too small for the inset becomes empty.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Shrinks by `dx` columns on the left and right and `dy` rows on the top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        inset(top: dy, left: dx, bottom: dy, right: dx)
    }

    /// A rect of the given size centred in this one (clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The first `rows` rows and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The last `rows` rows and the rest above them.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n),
                Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// The first `columns` columns and the rest.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// The last `columns` columns and the rest on their left.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - n, height: height),
                Rect(x: maxX - n, y: y, width: n, height: height))
    }

    /// Splits into stacked rows sized by `lengths` (fixed first, then flexible shares of what is left).
    public func rows(_ lengths: [LayoutLength], spacing: Int = 0) -> [Rect] {
        let sizes = LayoutLength.resolve(lengths, total: height, spacing: spacing)
        var top = y
        return sizes.map { h in
            defer { top += h + max(0, spacing) }
            return Rect(x: x, y: min(top, maxY), width: width, height: min(h, max(0, maxY - top)))
        }
    }

    /// Splits into side-by-side columns sized by `lengths`.
    public func columns(_ lengths: [LayoutLength], spacing: Int = 0) -> [Rect] {
        let sizes = LayoutLength.resolve(lengths, total: width, spacing: spacing)
        var left = x
        return sizes.map { w in
            defer { left += w + max(0, spacing) }
            return Rect(x: min(left, maxX), y: y, width: min(w, max(0, maxX - left)), height: height)
        }
    }
}
