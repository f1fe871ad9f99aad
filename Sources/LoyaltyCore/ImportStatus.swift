/// The status of a review row in Import History, with the words the screen and the CLI show.
public enum ImportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A punch of the customer already stands for this unit.
    case alreadyExists
    /// The line's item has no code, or its code is in no program.
    case noItem
    /// Will be added (the product's green checkmark).
    case willImport
    /// A refund line: information only, never adds punches.
    case refund
    /// A manual punch of the same UPC a few days off may already stand for it; starts unchecked.
    case possibleDuplicate

    /// Exactly as on screen and in `import-history` output.
    public var label: String {
        switch self {
        case .alreadyExists: "Transaction Already Exists"
        case .noItem: "No Item"
        case .willImport: "✓"
        case .refund: "Refund"
        case .possibleDuplicate: "Possible duplicate"
        }
    }

    /// A word for the checkmark where a symbol does not fit (JSON, logs, monochrome help).
    public var name: String {
        switch self {
        case .willImport: "Will import"
        default: label
        }
    }

    /// Rows of this status can be checked for the commit with Space.
    public var isSelectable: Bool { self == .willImport || self == .possibleDuplicate }

    /// Checked when the list opens.
    public var checkedByDefault: Bool { self == .willImport }
}
