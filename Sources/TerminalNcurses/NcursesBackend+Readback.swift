internal import CNcursesw
import TerminalKit

/// What curses itself holds on its virtual screen, read back for tests (as tig's tests do): proves that
/// wide characters, borders and attributes reached curses, not just our buffer.
public struct CursesCell: Hashable, Sendable {
    public var text: String
    public var attributes: TextAttributes
    public var colorPair: Int
}

extension NcursesBackend {
    /// One row of curses' window as text (a wide character appears once), right-trimmed.
    public func readRow(_ y: Int) -> String {
        guard isActive, let window = astro_stdscr() else { return "" }
        let width = size.width
        var chars = [wchar_t](repeating: 0, count: width + 1)
        let count = mvwinnwstr(window, Int32(y), 0, &chars, Int32(width))
        guard count > 0 else { return "" }
        var scalars = String.UnicodeScalarView()
        for c in chars.prefix(Int(count)) where c != 0 {
            if let s = Unicode.Scalar(UInt32(bitPattern: c)) { scalars.append(s) }
        }
        var line = String(scalars)
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The character, attributes and colour pair curses holds at (x, y).
    public func readCell(x: Int, y: Int) -> CursesCell? {
        guard isActive, let window = astro_stdscr() else { return nil }
        var cchar = cchar_t()
        guard mvwin_wch(window, Int32(y), Int32(x), &cchar) != ERR else { return nil }
        var chars = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cchar, &chars, &attributes, &pair, nil)
        var scalars = String.UnicodeScalarView()
        for c in chars where c != 0 {
            if let s = Unicode.Scalar(UInt32(bitPattern: c)) { scalars.append(s) }
        }
        return CursesCell(text: String(scalars), attributes: NcursesPalette.textAttributes(attributes),
                          colorPair: Int(pair))
    }

    /// Where curses' cursor is.
    public var cursesCursor: Point? {
        guard isActive, let window = astro_stdscr() else { return nil }
        var y: Int32 = 0, x: Int32 = 0
        astro_getyx(window, &y, &x)
        return Point(x: Int(x), y: Int(y))
    }
}
