import LoyaltyCore

/// Sentences about changing a UPC a program already has (issue 14 #4).
extension AdminStrings {
    public static func changeItemTitle(_ upc: UPC) -> String { "Change \(upc.display)?" }
    public static func changeItemNote(_ change: ProgramItemChange) -> String {
        "Already in this program: \(change.text). Enter changes it; Esc leaves it as it is."
    }
    public static func itemUnchanged(_ upc: UPC) -> String {
        "\(upc.display) is already in this program with this description and size."
    }
    public static func itemChanged(_ upc: UPC) -> String { "Changed \(upc.display)." }
    /// Appended to "Imported N UPCs." when some lines changed UPCs the program had.
    public static func importChanged(_ changes: [ProgramItemChange]) -> String {
        guard let first = changes.first else { return "" }
        let head = changes.count == 1 ? " 1 was already there and changed: " : " \(changes.count) were already there and changed, e.g. "
        return head + "\(first.new.upc.display) \(first.text) (each is in the audit log)."
    }
}
