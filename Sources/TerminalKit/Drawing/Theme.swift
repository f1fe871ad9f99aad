/// A terminal colour: one of the 8 basic ANSI colours, or an index in the 256-colour palette with the
/// basic colour to use on terminals that only have 8.
public enum TerminalColor: Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    /// The terminal's own default (foreground or background).
    case `default`
    case indexed(UInt8, fallback: BasicFallback)

    /// The 8-colour fallback for `indexed`.
    public enum BasicFallback: Int, Hashable, Sendable {
        case black, red, green, yellow, blue, magenta, cyan, white
    }

    /// ANSI number (0–7) on an 8-colour terminal; nil for the default colour.
    public var basicIndex: Int? {
        switch self {
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .default: nil
        case .indexed(_, let fallback): fallback.rawValue
        }
    }

    /// Palette number on a terminal with at least 256 colours; nil for the default colour.
    public var paletteIndex: Int? {
        if case .indexed(let n, _) = self { return Int(n) }
        return basicIndex
    }
}

/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// How one role looks: colours and attributes on a colour terminal, attributes alone in monochrome.
public struct Appearance: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes
    /// Used when the terminal has no colours or `NO_COLOR` is set.
    public var monochrome: TextAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: TextAttributes = [], monochrome: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monochrome = monochrome
    }
}

/// Maps semantic `Style` roles to appearances. The backend asks the theme; screens never name colours.
public struct Theme: Sendable {
    public var appearances: [Style: Appearance]

    public init(appearances: [Style: Appearance]) { self.appearances = appearances }

    /// The appearance of a role; roles the theme does not know look `normal`.
    public func appearance(of style: Style) -> Appearance {
        appearances[style] ?? appearances[.normal] ?? Appearance()
    }

    /// A readable default on dark and light terminals, with a monochrome fallback for every role.
    public static let standard = Theme(appearances: [
        .normal: Appearance(),
        .dim: Appearance(attributes: .dim, monochrome: .dim),
        .emphasis: Appearance(attributes: .bold, monochrome: .bold),
        .title: Appearance(foreground: .cyan, attributes: .bold, monochrome: .bold),
        .border: Appearance(foreground: .indexed(244, fallback: .white), monochrome: []),
        .selection: Appearance(foreground: .black, background: .cyan, monochrome: .reverse),
        .statusBar: Appearance(foreground: .black, background: .white, monochrome: .reverse),
        .helpKey: Appearance(foreground: .yellow, attributes: .bold, monochrome: .bold),
        .helpText: Appearance(monochrome: []),
        .field: Appearance(attributes: .underline, monochrome: .underline),
        .fieldFocused: Appearance(foreground: .white, background: .blue, attributes: .bold,
                                  monochrome: [.reverse]),
        .label: Appearance(monochrome: []),
        .success: Appearance(foreground: .green, attributes: .bold, monochrome: .bold),
        .imported: Appearance(foreground: .indexed(120, fallback: .green), monochrome: .underline),
        .warning: Appearance(foreground: .yellow, attributes: .bold, monochrome: .bold),
        .error: Appearance(foreground: .red, attributes: .bold, monochrome: [.bold, .reverse]),
        .exception: Appearance(foreground: .magenta, monochrome: .underline),
        .paper: Appearance(foreground: .indexed(180, fallback: .yellow), monochrome: .italic),
        .removed: Appearance(foreground: .indexed(242, fallback: .white), attributes: .dim, monochrome: .dim),
        .reward: Appearance(foreground: .yellow, attributes: [.bold, .reverse], monochrome: [.bold, .reverse]),
        .noItem: Appearance(foreground: .indexed(208, fallback: .red), monochrome: .underline),
        .modal: Appearance(monochrome: []),
        .modalTitle: Appearance(foreground: .cyan, attributes: .bold, monochrome: .bold),
    ])
}
