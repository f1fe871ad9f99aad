/// How much of a row or column split a part takes: a fixed number of cells, or a weighted share of the rest.
public enum LayoutLength: Hashable, Sendable {
    case fixed(Int)
    case flex(Int)

    public static let fill = LayoutLength.flex(1)

    /// Sizes for `lengths` within `total` cells. Fixed parts are served first, in order, until space runs out;
    /// flexible parts share what is left by weight, the remainder going to the earliest ones.
    public static func resolve(_ lengths: [LayoutLength], total: Int, spacing: Int = 0) -> [Int] {
        guard !lengths.isEmpty else { return [] }
        var remaining = max(0, total - max(0, spacing) * (lengths.count - 1))
        var sizes = [Int](repeating: 0, count: lengths.count)
        for (i, length) in lengths.enumerated() {
            if case .fixed(let n) = length {
                sizes[i] = min(max(0, n), remaining)
                remaining -= sizes[i]
            }
        }
        let weights = lengths.map { length -> Int in
            if case .flex(let w) = length { return max(0, w) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var given = 0
        for i in lengths.indices where weights[i] > 0 {
            sizes[i] = remaining * weights[i] / totalWeight
            given += sizes[i]
        }
        var leftover = remaining - given
        for i in lengths.indices where weights[i] > 0 && leftover > 0 {
            sizes[i] += 1
            leftover -= 1
        }
        return sizes
    }
}
