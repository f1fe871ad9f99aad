/// The status of a review row in Import History, with the words the screen and the CLI show.
public enum ImportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A punch of the customer already stands for this unit.
    case alreadyExists
    /// The line's item has no code, or its code is in no program (or in a program of another location than the
    /// one where it was sold).
    case noItem
    /// Will be added (the product's green checkmark).
    case willImport
    /// A refund line: information only, never adds punches.
    case refund
    /// A manual punch of the same UPC a few days off may already stand for it; starts unchecked.
    case possibleDuplicate
    /// A later Lightspeed refund returned these units (its line's `parentSaleLineID` is this line): never offered.
    case refunded
    /// A manager removed the punch of these units before (who, when and why on the row); starts unchecked and
    /// only a manager may check it again.
    case removedEarlier
    /// A layaway, special-order or work-order line: the goods were not handed over with this sale, so it earns
    /// nothing (the line earns when it completes on the pick-up sale).
    case notHandedOver

    /// Exactly as on screen and in `import-history` output.
    public var label: String {
        switch self {
        case .alreadyExists: "Transaction Already Exists"
        case .noItem: "No Item"
        case .willImport: "✓"
        case .refund: "Refund"
        case .possibleDuplicate: "Possible duplicate"
        case .refunded: "Refunded"
        case .removedEarlier: "Removed earlier"
        case .notHandedOver: "Not handed over"
        }
    }

    /// A word for the checkmark where a symbol does not fit (JSON, logs, monochrome help).
    public var name: String {
        switch self {
        case .willImport: "Will import"
        default: label
        }
    }

    /// Rows of this status can be checked for the commit with Space (a removed-earlier row by a manager only).
    public var isSelectable: Bool { self == .willImport || self == .possibleDuplicate || self == .removedEarlier }

    /// Checking a row of this status again is a manager's decision (it brings back a punch a manager removed).
    public var needsManagerToCheck: Bool { self == .removedEarlier }

    /// Checked when the list opens.
    public var checkedByDefault: Bool { self == .willImport }
}
