/// A line diff (longest common subsequence) for snapshot failures: the changed lines with their line
/// numbers and a line of context, so a one-cell change is easy to spot on a 24-row screen.
public enum TextDiff {
    public static func unified(expected: String, actual: String, context: Int = 1) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ops = diff(a, b)
        var keep = [Bool](repeating: false, count: ops.count)
        for (i, op) in ops.enumerated() where op.kind != " " {
            for j in max(0, i - context)...min(ops.count - 1, i + context) { keep[j] = true }
        }
        var lines: [String] = []
        var skipped = false
        for (i, op) in ops.enumerated() {
            if keep[i] {
                if skipped { lines.append("   …"); skipped = false }
                let number = op.kind == "+" ? op.newLine : op.oldLine
                lines.append("\(op.kind)\(String(number + 1).leftPadded(4)) │\(op.text.visibleTrailingSpaces)")
            } else {
                skipped = true
            }
        }
        return lines.joined(separator: "\n")
    }

    struct Op {
        var kind: Character
        var text: String
        var oldLine: Int
        var newLine: Int
    }

    static func diff(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                ops.append(Op(kind: " ", text: a[i], oldLine: i, newLine: j)); i += 1; j += 1
            } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                ops.append(Op(kind: "+", text: b[j], oldLine: i, newLine: j)); j += 1
            } else {
                ops.append(Op(kind: "-", text: a[i], oldLine: i, newLine: j)); i += 1
            }
        }
        return ops
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }

    /// Trailing spaces shown as "·" so a difference in padding is visible.
    fileprivate var visibleTrailingSpaces: String {
        var body = self
        var trail = 0
        while body.last == " " { body.removeLast(); trail += 1 }
        return body + String(repeating: "·", count: trail)
    }
}
