import Foundation

/// Why an item was forced onto a card although the program's list does not qualify it. An exception
/// always carries one of these; "other" needs words.
public enum ExceptionReason: Sendable, Hashable {
    case newItem
    case differentSize
    case managerApproval
    case other(String)

    /// The choices offered, in order (other's text is typed).
    public static let choices: [ExceptionReason] = [.newItem, .differentSize, .managerApproval, .other("")]

    /// The label in the picker.
    public var label: String {
        switch self {
        case .newItem: "New item / new UPC"
        case .differentSize: "Different size"
        case .managerApproval: "Manager approval"
        case .other: "Other"
        }
    }

    /// The text kept on the punch (`Punch.exceptionReason`) and in the audit log.
    public var storedText: String {
        switch self {
        case .newItem, .differentSize, .managerApproval: label
        case .other(let text): "Other: " + text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Reads a stored text back.
    public init(storedText: String) {
        switch storedText {
        case ExceptionReason.newItem.label: self = .newItem
        case ExceptionReason.differentSize.label: self = .differentSize
        case ExceptionReason.managerApproval.label: self = .managerApproval
        default:
            self = .other(storedText.hasPrefix("Other: ") ? String(storedText.dropFirst(7)) : storedText)
        }
    }

    /// Refuses "other" without text. Returns the text to store.
    public func validated() throws(CardRefusal) -> String {
        if case .other(let text) = self, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .otherReasonNeedsText
        }
        return storedText
    }
}
