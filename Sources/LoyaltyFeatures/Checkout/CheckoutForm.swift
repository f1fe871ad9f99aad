import TerminalKit

/// A small dialog form: text fields and choice fields (←/→ step, typing jumps to the entry it starts; a
/// choice may start on none, `selected: -1`, so nothing is chosen for the cashier), Tab/↑/↓ between them. The exception,
/// paper-card, note and manager-override dialogs are each one of these plus their own validation.
public struct CheckoutForm: Hashable, Sendable {
    public enum Input: Hashable, Sendable {
        case text(TextFieldState)
        case choice([String], selected: Int)
    }

    public struct Field: Hashable, Sendable {
        public var label: String
        public var input: Input
        /// Shown only when true (the "Other reason" text only with reason Other).
        public var isVisible: Bool = true
        public init(_ label: String, _ input: Input) {
            self.label = label
            self.input = input
        }
    }

    public var fields: [Field]
    public private(set) var focus: Int
    /// The refusal to show under the form, if the last submit was refused.
    public var error: String?
    /// Letters typed into the focused choice (`ChoiceTypeahead`).
    var typeahead = ChoiceTypeahead()
    /// The fields as the form opened: leaving asks first only when something differs.
    private var opened: [Input] = []

    public init(_ fields: [Field], focus: Int = 0) {
        self.fields = fields
        self.focus = max(0, min(focus, fields.count - 1))
        error = nil
        opened = fields.map(\.input)
    }

    /// Something was typed or chosen since the form opened (Esc then asks before throwing it away).
    public var isChanged: Bool {
        zip(fields.map(\.input), opened).contains { now, then in
            switch (now, then) {
            case (.text(let a), .text(let b)): a.text != b.text
            case (.choice(_, let a), .choice(_, let b)): a != b
            default: true
            }
        }
    }

    public var visibleIndexes: [Int] { fields.indices.filter { fields[$0].isVisible } }
    public var isOnLastField: Bool { visibleIndexes.last == focus }

    public mutating func next() { step(1) }
    public mutating func previous() { step(-1) }

    private mutating func step(_ delta: Int) {
        typeahead.reset()
        let shown = visibleIndexes
        guard let at = shown.firstIndex(of: focus) else {
            focus = shown.first ?? 0
            return
        }
        focus = shown[(at + delta + shown.count) % shown.count]
    }

    /// Applies an editing key to the focused field; ←/→ change a choice. Returns true when it changed.
    @discardableResult
    public mutating func edit(_ key: Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        switch fields[focus].input {
        case .text(var field):
            let outcome = field.handle(key)
            fields[focus].input = .text(field)
            return outcome != .notHandled
        case .choice(let options, let selected):
            guard !options.isEmpty else { return false }
            let next: Int?
            switch key {
            case .left, .char("-"):
                typeahead.reset()
                next = selected < 0 ? options.count - 1 : (selected - 1 + options.count) % options.count
            case .right, .char(" "), .char("+"):
                typeahead.reset()
                next = (selected + 1) % options.count
            case .char(let c):
                next = typeahead.pick(c, in: options, current: max(0, selected))
            default:
                typeahead.reset()
                return false
            }
            guard let next else { return true }
            fields[focus].input = .choice(options, selected: next)
            return true
        }
    }

    public func text(_ index: Int) -> String {
        guard fields.indices.contains(index), case .text(let field) = fields[index].input else { return "" }
        return field.text
    }

    public func choice(_ index: Int) -> Int {
        guard fields.indices.contains(index), case .choice(_, let selected) = fields[index].input else { return -1 }
        return selected
    }

    /// True when anything was typed (leaving asks first).
    public var hasText: Bool {
        fields.contains { if case .text(let f) = $0.input { !f.text.isEmpty } else { false } }
    }

    public mutating func setText(_ index: Int, _ text: String) {
        guard fields.indices.contains(index), case .text(var field) = fields[index].input else { return }
        field.setText(text)
        fields[index].input = .text(field)
    }

    public mutating func focus(on index: Int) {
        if fields.indices.contains(index) { focus = index }
    }
}
