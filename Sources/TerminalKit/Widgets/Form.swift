/// One labelled input of a form, with its inline error (shown under the field after a failed check).
public struct FormField: Hashable, Sendable {
    public var label: String
    public var input: TextFieldState
    public var error: String?
    public var placeholder: String?
    /// Columns for the input box; nil fills the form's width.
    public var width: Int?
    /// A choice, not free text (a role): ←/→ or Space step, letters jump (`ChoiceTypeahead`); the text is the
    /// chosen entry.
    public var choices: [String]?
    public var typeahead = ChoiceTypeahead()

    public init(_ label: String, input: TextFieldState = TextFieldState(), placeholder: String? = nil,
                width: Int? = nil, error: String? = nil) {
        self.label = label
        self.input = input
        self.placeholder = placeholder
        self.width = width
        self.error = error
    }

    public var text: String { input.text }

    /// A field that offers `choices`, starting on `selected`.
    public static func choice(_ label: String, _ choices: [String], selected: String) -> FormField {
        var field = FormField(label, input: TextFieldState(text: selected, maxLength: 200))
        field.choices = choices
        return field
    }

    /// A choice field's key: step, or jump by typing. Returns true when the choice changed.
    mutating func choose(_ key: Key, _ options: [String]) -> Bool {
        let current = options.firstIndex(of: input.text) ?? -1
        var next: Int?
        switch key {
        case .left, .char("-"):
            typeahead.reset()
            next = (max(0, current) - 1 + options.count) % options.count
        case .right, .char(" "), .char("+"):
            typeahead.reset()
            next = (current + 1) % options.count
        case .char(let c):
            next = typeahead.pick(c, in: options, current: max(0, current))
        default:
            typeahead.reset()
        }
        guard let next, next != current else { return false }
        input.setText(options[next])
        return true
    }
}

/// Several fields with one focused: Tab / Shift-Tab (and ↓ / ↑) move the focus, editing keys go to the
/// focused field. Enter and everything else are left to the screen (submit, cancel).
public struct FormState: Hashable, Sendable {
    /// What a key did to the form.
    public enum Outcome: Hashable, Sendable {
        case notHandled
        case focusMoved
        /// The key was used by the focused field without changing its text.
        case handled
        /// The text of the field at this index changed.
        case edited(Int)
    }

    public var fields: [FormField]
    public private(set) var focus: Int

    public init(fields: [FormField], focus: Int = 0) {
        self.fields = fields
        self.focus = fields.isEmpty ? 0 : min(max(0, focus), fields.count - 1)
    }

    public mutating func focus(on index: Int) {
        guard !fields.isEmpty else { return }
        focus = min(max(0, index), fields.count - 1)
    }

    /// Focuses the first field that has an error (after validation).
    public mutating func focusFirstError() {
        if let i = fields.firstIndex(where: { $0.error != nil }) { focus = i }
    }

    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        guard !fields.isEmpty else { return .notHandled }
        switch key {
        case .tab, .down:
            focus = (focus + 1) % fields.count
            return .focusMoved
        case .backTab, .up:
            focus = (focus - 1 + fields.count) % fields.count
            return .focusMoved
        default:
            if let options = fields[focus].choices, !options.isEmpty {
                guard fields[focus].choose(key, options) else { return .handled }
                fields[focus].error = nil
                return .edited(focus)
            }
            switch fields[focus].input.handle(key) {
            case .notHandled: return .notHandled
            case .handled: return .handled
            case .edited:
                fields[focus].error = nil
                return .edited(focus)
            }
        }
    }

    public subscript(label: String) -> FormField? {
        fields.first { $0.label == label }
    }
}

/// Draws a form: labels in a left column, inputs beside them, an error line under a field that has one.
public struct FormView: Sendable {
    public var state: FormState
    public var isFocused: Bool

    public init(_ state: FormState, isFocused: Bool = true) {
        self.state = state
        self.isFocused = isFocused
    }

    /// Rows the form needs (one per field, plus one per error).
    public var height: Int { state.fields.reduce(0) { $0 + 1 + ($1.error == nil ? 0 : 1) } }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let longest = state.fields.map { TextWidth.width(of: $0.label) }.max() ?? 0
        let labelWidth = min(longest + 2, max(0, rect.width / 3))
        var y = rect.y
        for (i, field) in state.fields.enumerated() {
            guard y < rect.maxY else { break }
            let focused = isFocused && i == state.focus
            let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            let (labelRect, inputArea) = row.splitLeft(labelWidth)
            buffer.draw(field.label, in: labelRect.inset(right: 1), style: focused ? .emphasis : .label)
            let inputRect = field.width.map { inputArea.splitLeft($0).left } ?? inputArea
            if field.choices != nil {
                buffer.draw("◀ " + field.text + " ▶", in: inputRect, style: focused ? .fieldFocused : .field)
                if focused { buffer.cursor = nil }
            } else {
                TextFieldView(field.input, isFocused: focused, placeholder: field.placeholder)
                    .draw(into: &buffer, in: inputRect)
            }
            y += 1
            if let error = field.error, y < rect.maxY {
                buffer.draw(error, in: Rect(x: inputArea.x, y: y, width: inputArea.width, height: 1),
                            style: .error)
                y += 1
            }
        }
    }
}
