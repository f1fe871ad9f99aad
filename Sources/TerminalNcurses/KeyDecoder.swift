internal import CNcursesw
import TerminalKit

/// Turns what `wget_wch` returns into `Key`s: function keys arrive as `KEY_CODE_YES` + a `KEY_*` code,
/// everything else as a character, where Enter, Tab, Backspace and Ctrl-letters are control codes.
enum KeyDecoder {
    /// Private key codes for sequences ncurses does not know (bracketed paste markers).
    static let pasteStart: Int32 = Int32(KEY_MAX) + 101
    static let pasteEnd: Int32 = Int32(KEY_MAX) + 102

    enum Decoded: Equatable {
        case key(Key)
        case resize
        case pasteStart
        case pasteEnd
        case ignored
    }

    static func decode(status: Int32, code: UInt32) -> Decoded {
        if status == KEY_CODE_YES { return decodeFunctionKey(Int32(bitPattern: code)) }
        return decodeCharacter(code)
    }

    static func decodeFunctionKey(_ code: Int32) -> Decoded {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_RESIZE: return .resize
        case pasteStart: return .pasteStart
        case pasteEnd: return .pasteEnd
        case KEY_F0 + 1...KEY_F0 + 24: return .key(.function(Int(code - KEY_F0)))
        default: return .ignored
        }
    }

    static func decodeCharacter(_ code: UInt32) -> Decoded {
        switch code {
        case 13, 10: return .key(.enter)
        case 9: return .key(.tab)
        case 127, 8: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26:
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 0..<32, 0x80..<0xA0: return .ignored
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }
}
