/// The store writes every statement once, with SQLite's `?` placeholders; PostgreSQL numbers its own (`$1`, `$2`).
/// This scanner rewrites the placeholders and splits a script into statements (postgres-nio speaks only the
/// extended protocol, one statement per message), both outside string literals, quoted identifiers, comments
/// and dollar-quoted bodies (the plpgsql trigger functions), where a `?` or a `;` is text, not syntax.
enum PostgresSQLText {
    /// `sql` with its `?` placeholders numbered `$1`, `$2`, … in order, and how many there were.
    static func numberingPlaceholders(_ sql: String) -> (sql: String, count: Int) {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        scan(sql) { piece, isCode in
            guard isCode else { output += piece; return }
            for character in piece {
                if character == "?" {
                    count += 1
                    output += "$\(count)"
                } else {
                    output.append(character)
                }
            }
        }
        return (output, count)
    }

    /// The statements of a script, each without its terminating `;`, empty ones (and comment-only ones) left out.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasCode = false
        scan(sql) { piece, isCode in
            guard isCode else {
                current += piece
                // A literal or quoted identifier is part of a statement; a comment alone is not.
                if !piece.hasPrefix("--") && !piece.hasPrefix("/*") { hasCode = true }
                return
            }
            for character in piece {
                if character == ";" {
                    if hasCode { statements.append(current.trimmingWhitespace()) }
                    current = ""
                    hasCode = false
                } else {
                    current.append(character)
                    if !character.isWhitespace { hasCode = true }
                }
            }
        }
        if hasCode { statements.append(current.trimmingWhitespace()) }
        return statements
    }

    /// Calls `emit` with consecutive pieces of `sql`: code (`isCode` true) and the spans where `?` and `;` are
    /// not syntax: '…' literals ('' inside), E'…' literals (backslash escapes), "…" identifiers, -- comments,
    /// /* … */ comments (nested, as PostgreSQL nests them) and $tag$ … $tag$ bodies. An unterminated span runs
    /// to the end (the server then reports the syntax error).
    private static func scan(_ sql: String, _ emit: (Substring, Bool) -> Void) {
        let text = sql
        var index = text.startIndex
        var codeStart = index
        func flushCode(upTo end: String.Index) {
            if codeStart < end { emit(text[codeStart..<end], true) }
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            var spanEnd: String.Index?
            switch character {
            case "'":
                let escapes = index > text.startIndex && isEscapePrefix(text, before: index)
                spanEnd = endOfQuoted(text, from: next, quote: "'", backslashEscapes: escapes)
            case "\"":
                spanEnd = endOfQuoted(text, from: next, quote: "\"", backslashEscapes: false)
            case "-" where next < text.endIndex && text[next] == "-":
                spanEnd = text[next...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            case "/" where next < text.endIndex && text[next] == "*":
                spanEnd = endOfBlockComment(text, from: text.index(after: next))
            case "$":
                if let tagEnd = dollarTagEnd(text, at: index, previous: index > text.startIndex ? text[text.index(before: index)] : nil) {
                    let tag = text[index..<tagEnd]
                    spanEnd = text[tagEnd...].range(of: tag).map(\.upperBound) ?? text.endIndex
                }
            default:
                break
            }
            if let end = spanEnd {
                flushCode(upTo: index)
                emit(text[index..<end], false)
                index = end
                codeStart = end
            } else {
                index = next
            }
        }
        flushCode(upTo: text.endIndex)
    }

    /// An `E` or `e` right before the quote, itself not part of a longer word: an escape string.
    private static func isEscapePrefix(_ text: String, before quote: String.Index) -> Bool {
        let e = text.index(before: quote)
        guard text[e] == "E" || text[e] == "e" else { return false }
        guard e > text.startIndex else { return true }
        let before = text[text.index(before: e)]
        return !(before.isLetter || before.isNumber || before == "_")
    }

    private static func endOfQuoted(_ text: String, from start: String.Index, quote: Character,
                                    backslashEscapes: Bool) -> String.Index {
        var index = start
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if backslashEscapes && character == "\\" {
                index = next < text.endIndex ? text.index(after: next) : next
                continue
            }
            if character == quote {
                // A doubled quote is the quote itself.
                if next < text.endIndex && text[next] == quote {
                    index = text.index(after: next)
                    continue
                }
                return next
            }
            index = next
        }
        return text.endIndex
    }

    private static func endOfBlockComment(_ text: String, from start: String.Index) -> String.Index {
        var depth = 1
        var index = start
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "*" && next < text.endIndex && text[next] == "/" {
                depth -= 1
                index = text.index(after: next)
                if depth == 0 { return index }
            } else if text[index] == "/" && next < text.endIndex && text[next] == "*" {
                depth += 1
                index = text.index(after: next)
            } else {
                index = next
            }
        }
        return text.endIndex
    }

    /// The end of a `$tag$` opening at `start` (the index after its second `$`), or nil when this `$` is not one
    /// (a `$1` parameter, or a `$` inside an identifier such as `a$b`).
    private static func dollarTagEnd(_ text: String, at start: String.Index, previous: Character?) -> String.Index? {
        if let previous, previous.isLetter || previous.isNumber || previous == "_" { return nil }
        var index = text.index(after: start)
        var first = true
        while index < text.endIndex {
            let character = text[index]
            if character == "$" { return text.index(after: index) }
            let allowed = character.isLetter || character == "_" || (!first && character.isNumber)
            if !allowed { return nil }
            first = false
            index = text.index(after: index)
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
